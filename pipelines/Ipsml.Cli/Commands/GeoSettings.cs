namespace Ipsml.Cli.Commands;

/// <summary>Checks of the geo database options, shared by the commands' Validate().</summary>
internal static class GeoSettings
{
    /// <summary>Null when <c>--geo-dir</c> is not given or is a folder; else what is wrong.</summary>
    public static string? CheckGeoDir(string? geoDir) =>
        geoDir is null || Directory.Exists(geoDir)
            ? null
            : File.Exists(geoDir)
                ? $"--geo-dir: {geoDir} is a file; give the folder that holds the City and ASN databases"
                : $"--geo-dir: the folder {geoDir} does not exist";
}
