namespace Ipsml.Features.Geo;

/// <summary>Role names and source strings recorded in <see cref="GeoDatabaseInfo"/>.</summary>
internal static class GeoRoles
{
    public const string City = "city";
    public const string Asn = "asn";
    public const string MaxMindDownload = "maxmind-download";

    public static string FileSource(string path) => "file:" + Path.GetFullPath(path);

    public static string DirectorySource(string directory) => "dir:" + Path.GetFullPath(directory);

    public static string NpmSource(string name, string version) => $"npm:{name}@{version}";
}
