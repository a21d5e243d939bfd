using System.Net;
using System.Security.Cryptography;
using Ipsml.Features.Geo;
using MaxMind.GeoIP2;

namespace Ipsml.Features.Tests.Geo;

[Trait("Category", "SharedData")]
public sealed class MaxMindCityDatabaseTests
{
    private static readonly IReadOnlyList<SourceNetwork> Source = MaxMindSourceJson.Read(GeoTestData.CityTestJson);

    [Fact]
    public void London_test_address_gives_the_values_of_the_source_json()
    {
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        var answer = db.Lookup(IPAddress.Parse("81.2.69.142"));

        Assert.Equal(new GeoCity(51.5142, -0.0931, "Europe/London", "GB"), answer);
    }

    [Theory]
    [InlineData("216.160.83.56", "US")]
    [InlineData("89.160.20.112", "SE")]
    [InlineData("175.16.199.0", "CN")]
    public void Well_known_test_addresses_give_their_country(string address, string country)
    {
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        Assert.Equal(country, db.Lookup(IPAddress.Parse(address)).CountryCode);
    }

    [Fact]
    public void First_and_last_address_of_every_source_network_give_the_source_json_values()
    {
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);
        var checkedNetworks = 0;

        foreach (var network in Source)
        {
            var expected = Expected(network);
            Assert.True(expected == db.Lookup(network.First), $"{network.Cidr} first {network.First}: {db.Lookup(network.First)} != {expected}");
            Assert.True(expected == db.Lookup(network.Last), $"{network.Cidr} last {network.Last}: {db.Lookup(network.Last)} != {expected}");
            checkedNetworks++;
        }

        Assert.True(checkedNetworks > 200, $"only {checkedNetworks} networks in the source JSON");
        Assert.Contains(Source, n => n.IsIpv4);
        Assert.Contains(Source, n => !n.IsIpv4);
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("127.0.0.1")]
    [InlineData("1.1.1.1")]
    [InlineData("2001:db8::1")]
    [InlineData("fe80::1")]
    public void Addresses_outside_the_source_networks_give_all_nulls(string text)
    {
        var address = IPAddress.Parse(text);
        Assert.DoesNotContain(Source, n => n.Contains(address));
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        var answer = db.Lookup(address);

        Assert.Equal(GeoCity.Unknown, answer);
        Assert.Equal(0, db.LookupErrors);
    }

    [Fact]
    public void Ipv6_address_gives_the_source_json_values()
    {
        var network = Source.First(n => n.Cidr == "2001:218::/32");
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        var answer = db.Lookup(IPAddress.Parse("2001:218:1234::5"));

        Assert.Equal("JP", answer.CountryCode);
        Assert.Equal(Expected(network), answer);
    }

    [Theory]
    [InlineData("::ffff:81.2.69.142", "81.2.69.142")]
    [InlineData("::ffff:89.160.20.112", "89.160.20.112")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.1")]
    public void Ipv4_mapped_ipv6_gives_the_same_answer_as_the_ipv4_address(string mapped, string ipv4)
    {
        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        Assert.Equal(db.Lookup(IPAddress.Parse(ipv4)), db.Lookup(IPAddress.Parse(mapped)));
        Assert.Equal(db.LookupUncached(IPAddress.Parse(ipv4)), db.LookupUncached(IPAddress.Parse(mapped)));
    }

    [Fact]
    public void Cached_lookups_equal_uncached_lookups_and_maxmind_geoip2_for_every_address_of_small_networks_and_random_ones()
    {
        var addresses = TestAddresses(randomCount: 20_000, seed: 7);
        using var cached = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);
        using var uncached = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb, cacheSlots: 0);
        using var tiny = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb, cacheSlots: 4);
        using var reference = new DatabaseReader(GeoTestData.CityTestMmdb);
        var located = 0;

        // Two passes: the first fills the caches, the second answers from them.
        for (var pass = 0; pass < 2; pass++)
        {
            foreach (var address in addresses)
            {
                var expected = FromGeoIp2(reference, address);
                Assert.Equal(expected, uncached.Lookup(address));
                Assert.Equal(expected, cached.Lookup(address));
                Assert.Equal(expected, tiny.Lookup(address));
                located += expected.CountryCode is null ? 0 : 1;
            }
        }

        Assert.True(located > 2_000, $"only {located} lookups found a country; the address set misses the test networks");
        Assert.Equal(0, cached.LookupErrors);
    }

    [Fact]
    public void Lookups_from_many_threads_equal_single_threaded_uncached_lookups()
    {
        var addresses = TestAddresses(randomCount: 5_000, seed: 11);
        using var uncached = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb, cacheSlots: 0);
        var expected = addresses.Select(uncached.Lookup).ToArray();
        using var shared = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb, cacheSlots: 256);
        var actual = new GeoCity[4][];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            var order = Enumerable.Range(0, addresses.Count).OrderBy(i => (i * 7919 + worker * 104729) % addresses.Count).ToArray();
            var answers = new GeoCity[addresses.Count];
            foreach (var i in order)
            {
                answers[i] = shared.Lookup(addresses[i]);
            }

            actual[worker] = answers;
        });

        foreach (var answers in actual)
        {
            Assert.Equal(expected, answers);
        }
    }

    [Fact]
    public void Undecodable_record_gives_nulls_and_is_counted_instead_of_throwing()
    {
        using var db = MaxMindCityDatabase.Open(Path.Combine(GeoTestData.MaxMindTestData, "GeoIP2-City-Test-Broken-Double-Format.mmdb"));

        var answers = Source.Where(n => n.IsIpv4).Select(n => db.Lookup(n.First)).ToList();

        Assert.True(db.LookupErrors > 0, "the broken test database decoded without error");
        Assert.Contains(GeoCity.Unknown, answers);
    }

    [Fact]
    public void Opening_an_asn_database_as_city_database_is_refused()
    {
        var error = Assert.Throws<GeoSourceException>(() => MaxMindCityDatabase.Open(GeoTestData.AsnTestMmdb));

        Assert.Contains("GeoLite2-ASN", error.Message);
    }

    [Fact]
    public void Opening_a_file_that_is_not_a_database_is_refused_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipsml-not-a-db-{Guid.NewGuid():N}.mmdb");
        File.WriteAllText(path, "not a MaxMind database");
        try
        {
            var error = Assert.Throws<GeoSourceException>(() => MaxMindCityDatabase.Open(path));
            Assert.Contains(path, error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Info_records_type_build_date_from_metadata_file_hash_and_source()
    {
        using var reader = new MaxMind.Db.Reader(GeoTestData.CityTestMmdb);
        var built = DateTimeOffset.FromUnixTimeSeconds(
            (long)(reader.Metadata.BuildDate.ToUniversalTime() - DateTime.UnixEpoch).TotalSeconds).UtcDateTime;
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(GeoTestData.CityTestMmdb)));

        using var db = MaxMindCityDatabase.Open(GeoTestData.CityTestMmdb);

        Assert.Equal("city", db.Info.Role);
        Assert.Equal("GeoIP2-City", db.Info.DatabaseType);
        Assert.Equal("GeoIP2-City-Test.mmdb", db.Info.FileName);
        Assert.Equal("file:" + Path.GetFullPath(GeoTestData.CityTestMmdb), db.Info.Source);
        Assert.Equal(sha256, db.Info.Sha256);
        Assert.Equal(built.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), db.Info.BuildDate);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", db.Info.BuildDate);
        Assert.Equal([db.Info], db.Databases);
    }

    /// <summary>What the source JSON says, in the form the database class answers.</summary>
    internal static GeoCity Expected(SourceNetwork network)
    {
        var answer = new GeoCity(
            network.Number("location", "latitude"),
            network.Number("location", "longitude"),
            network.Text("location", "time_zone"),
            network.Text("country", "iso_code"));
        return answer == GeoCity.Unknown ? GeoCity.Unknown : answer;
    }

    /// <summary>Every address of the source networks up to /22 (IPv4) or /118 (IPv6), their neighbours, and random addresses.</summary>
    internal static IReadOnlyList<IPAddress> TestAddresses(int randomCount, int seed)
    {
        var addresses = new List<IPAddress>();
        foreach (var network in Source)
        {
            if ((network.IsIpv4 ? 32 : 128) - network.PrefixLength <= 10)
            {
                addresses.AddRange(network.Addresses());
            }

            addresses.Add(SourceNetwork.ToAddress(SourceNetwork.ToNumber(network.First) - 1, network.IsIpv4));
            addresses.Add(SourceNetwork.ToAddress(SourceNetwork.ToNumber(network.Last) + 1, network.IsIpv4));
        }

        var random = new Random(seed);
        var bytes4 = new byte[4];
        var bytes16 = new byte[16];
        for (var i = 0; i < randomCount; i++)
        {
            // Half near the test networks (same first two bytes), half anywhere.
            var near = Source[random.Next(Source.Count)];
            if (near.IsIpv4)
            {
                random.NextBytes(bytes4);
                if (i % 2 == 0)
                {
                    near.First.GetAddressBytes().AsSpan(0, 2).CopyTo(bytes4);
                }

                addresses.Add(new IPAddress(bytes4));
            }
            else
            {
                random.NextBytes(bytes16);
                if (i % 2 == 0)
                {
                    near.First.GetAddressBytes().AsSpan(0, 4).CopyTo(bytes16);
                }

                addresses.Add(new IPAddress(bytes16));
            }
        }

        return addresses;
    }

    private static GeoCity FromGeoIp2(DatabaseReader reader, IPAddress address)
    {
        if (!reader.TryCity(address, out var city) || city is null)
        {
            return GeoCity.Unknown;
        }

        var answer = new GeoCity(city.Location.Latitude, city.Location.Longitude, city.Location.TimeZone, city.Country.IsoCode);
        return answer == GeoCity.Unknown ? GeoCity.Unknown : answer;
    }
}
