namespace Ipsml.Features.Geo;

/// <summary>Licences of the geo data, as recorded in <see cref="GeoDatabaseInfo.Licence"/>.</summary>
internal static class GeoLicences
{
    public const string CcBySa40 = "CC BY-SA 4.0";
    public const string CcBy40 = "CC BY 4.0";
    public const string GeoLite2Eula = "GeoLite2 End User License Agreement";
    public const string GeoIp2Commercial = "MaxMind GeoIP2 commercial licence";
    public const string Unknown = "unknown";

    /// <summary>MaxMind moved GeoLite2 from CC BY-SA 4.0 to its own licence with the builds of 2019-12-30.</summary>
    private static readonly DateTime GeoLite2EulaFrom = new(2019, 12, 30, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The licence a database of this type and build date is published under.</summary>
    public static string ForMmdb(string databaseType, DateTime buildDateUtc)
    {
        if (databaseType.StartsWith("GeoLite2", StringComparison.Ordinal))
        {
            return buildDateUtc < GeoLite2EulaFrom ? CcBySa40 : GeoLite2Eula;
        }

        if (databaseType.StartsWith("GeoIP2", StringComparison.Ordinal))
        {
            return GeoIp2Commercial;
        }

        return databaseType.StartsWith("DBIP-", StringComparison.Ordinal) ? CcBy40 : Unknown;
    }
}
