using System.Net;
using System.Security.Cryptography;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

[Trait("Category", "SharedData")]
public sealed class MaxMindAsnDatabaseTests
{
    private static readonly IReadOnlyList<SourceNetwork> Source = MaxMindSourceJson.Read(GeoTestData.AsnTestJson);

    [Theory]
    [InlineData("1.128.0.0", 1221L, "Telstra Pty Ltd")]
    [InlineData("1.159.255.255", 1221L, "Telstra Pty Ltd")]
    [InlineData("1.0.0.0", 15169L, "Google Inc.")]
    [InlineData("1.0.0.255", 15169L, "Google Inc.")]
    public void Known_test_addresses_give_their_as(string address, long number, string organization)
    {
        using var db = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb);

        Assert.Equal(new GeoAsn(number, organization), db.Lookup(IPAddress.Parse(address)));
    }

    [Fact]
    public void First_and_last_address_of_every_source_network_give_the_source_json_values()
    {
        using var db = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb);

        foreach (var network in Source)
        {
            var expected = new GeoAsn(network.Integer("autonomous_system_number"), network.Text("autonomous_system_organization"));
            Assert.True(expected == db.Lookup(network.First), $"{network.Cidr} first: {db.Lookup(network.First)} != {expected}");
            Assert.True(expected == db.Lookup(network.Last), $"{network.Cidr} last: {db.Lookup(network.Last)} != {expected}");
        }

        Assert.True(Source.Count(n => n.IsIpv4) > 400 && Source.Count(n => !n.IsIpv4) > 100);
    }

    [Theory]
    [InlineData("1.0.1.0")]
    [InlineData("10.1.2.3")]
    [InlineData("2001:db8::1")]
    public void Addresses_outside_the_source_networks_give_nulls(string text)
    {
        var address = IPAddress.Parse(text);
        Assert.DoesNotContain(Source, n => n.Contains(address));
        using var db = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb);

        Assert.Equal(GeoAsn.Unknown, db.Lookup(address));
    }

    [Fact]
    public void Cached_lookups_equal_uncached_lookups_for_every_address_of_small_networks_and_neighbours()
    {
        var addresses = Source
            .Where(n => (n.IsIpv4 ? 32 : 128) - n.PrefixLength <= 8)
            .SelectMany(n => n.Addresses()
                .Append(SourceNetwork.ToAddress(SourceNetwork.ToNumber(n.First) - 1, n.IsIpv4))
                .Append(SourceNetwork.ToAddress(SourceNetwork.ToNumber(n.Last) + 1, n.IsIpv4)))
            .Concat(Source.Select(n => n.First))
            .ToList();
        using var cached = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb);
        using var uncached = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb, cacheSlots: 0);

        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var address in addresses)
            {
                Assert.Equal(uncached.Lookup(address), cached.Lookup(address));
            }
        }

        Assert.True(addresses.Count > 1_000);
    }

    [Fact]
    public void Geoip2_isp_database_is_accepted_as_asn_source()
    {
        using var db = MaxMindAsnDatabase.Open(Path.Combine(GeoTestData.MaxMindTestData, "GeoIP2-ISP-Test.mmdb"));

        Assert.Equal("GeoIP2-ISP", db.Info.DatabaseType);
        Assert.Equal(new GeoAsn(1221, "Telstra Pty Ltd"), db.Lookup(IPAddress.Parse("1.128.0.0")));
    }

    [Fact]
    public void Opening_a_city_database_as_asn_database_is_refused()
    {
        Assert.Throws<GeoSourceException>(() => MaxMindAsnDatabase.Open(GeoTestData.CityTestMmdb));
    }

    [Fact]
    public void Info_records_role_type_and_file_hash()
    {
        using var db = MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb, "dir:/somewhere");

        Assert.Equal(
            new GeoDatabaseInfo(
                "asn",
                "GeoLite2-ASN",
                "dir:/somewhere",
                "GeoLite2-ASN-Test.mmdb",
                db.Info.BuildDate,
                Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(GeoTestData.AsnTestMmdb))),
                db.Info.Licence),
            db.Info);
        Assert.NotNull(db.Info.BuildDate);
    }
}
