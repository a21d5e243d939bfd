using System.Net;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

[Trait("Category", "SharedData")]
public sealed class GeoLookupTests
{
    [Fact]
    public void Lookup_combines_city_and_asn_answers_as_the_two_source_jsons_say()
    {
        var cities = MaxMindSourceJson.Read(GeoTestData.CityTestJson);
        var asns = MaxMindSourceJson.Read(GeoTestData.AsnTestJson);
        using var lookup = new GeoLookup(MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb), MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb));
        var both = 0;

        foreach (var address in cities.Select(n => n.First).Concat(asns.Select(n => n.First)))
        {
            var city = cities.LastOrDefault(n => n.Contains(address)) is { } c ? MaxMindCityDatabaseTests.Expected(c) : GeoCity.Unknown;
            var asn = asns.LastOrDefault(n => n.Contains(address)) is { } a
                ? new GeoAsn(a.Integer("autonomous_system_number"), a.Text("autonomous_system_organization"))
                : GeoAsn.Unknown;
            var expected = new GeoRecord(city.Latitude, city.Longitude, city.TimeZone, city.CountryCode, asn.Number, asn.Organization);

            Assert.Equal(expected, lookup.Lookup(address));
            both += city.CountryCode is not null && asn.Number is not null ? 1 : 0;
        }

        Assert.True(both >= 5, $"only {both} addresses have both a city and an ASN answer");
    }

    [Fact]
    public void Address_known_to_both_databases_gets_every_field()
    {
        using var lookup = new GeoLookup(MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb), MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb));

        Assert.Equal(
            new GeoRecord(58.4167, 15.6167, "Europe/Stockholm", "SE", 29518, "Bredband2 AB"),
            lookup.Lookup(IPAddress.Parse("89.160.20.112")));
    }

    [Fact]
    public void Unknown_address_gives_all_null_fields()
    {
        using var lookup = new GeoLookup(MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb), MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb));

        Assert.Equal(GeoRecord.Unknown, lookup.Lookup(IPAddress.Parse("10.20.30.40")));
    }

    [Fact]
    public void Databases_lists_the_city_database_then_the_asn_database()
    {
        using var lookup = new GeoLookup(MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb), MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb));

        Assert.Equal(
            [("city", "GeoIP2-City", "GeoIP2-City-Test.mmdb"), ("asn", "GeoLite2-ASN", "GeoLite2-ASN-Test.mmdb")],
            lookup.Databases.Select(d => (d.Role, d.DatabaseType, d.FileName)));
    }

    [Fact]
    public void Feature_enricher_carries_the_geo_answers_into_raw_features()
    {
        using var lookup = new GeoLookup(MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb), MaxMindAsnDatabase.Open(GeoTestData.AsnTestMmdb));
        var enricher = new FeatureEnricher(lookup);

        var features = enricher.Enrich(IPAddress.Parse("89.160.20.112"), 6);

        Assert.Equal((58.4167, 15.6167, "Europe/Stockholm", "SE", 29518L), (features.Latitude, features.Longitude, features.TimeZone, features.CountryCode, features.Asn));
        Assert.Equal(lookup.Databases, enricher.Databases);
    }
}
