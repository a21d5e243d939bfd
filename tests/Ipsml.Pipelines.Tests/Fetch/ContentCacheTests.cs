using System.Text;
using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Fetch;

public sealed class ContentCacheTests : IDisposable
{
    // SHA-256("abc"), the worked example of FIPS 180-2, appendix B.1.
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestDirectory dir = new();

    private readonly ContentCache cache;

    public ContentCacheTests()
    {
        cache = new ContentCache(Path.Combine(dir.Path, "feeds"));
    }

    public void Dispose() => dir.Dispose();

    private static MemoryStream Bytes(string text) => new(Encoding.ASCII.GetBytes(text));

    private static DownloadRecord Record(string url, string sha, long bytes, DateTimeOffset at) => new()
    {
        Url = url,
        Feed = "alpha",
        FetchedAt = at,
        HttpStatus = 200,
        Sha256 = sha,
        Bytes = bytes,
    };

    [Fact]
    public async Task Blob_is_named_by_its_sha256_and_the_same_bytes_are_stored_once()
    {
        var first = await cache.AddAsync(Bytes("abc"));
        var second = await cache.AddAsync(Bytes("abc"));

        Assert.Equal(AbcSha256, first.Sha256);
        Assert.Equal(3, first.Bytes);
        Assert.Equal(Path.Combine(cache.Root, "blobs", AbcSha256), first.Path);
        Assert.Equal(first, second);
        Assert.Single(Directory.EnumerateFiles(cache.BlobsDir));
        Assert.Empty(Directory.EnumerateFiles(cache.TempDir));
        Assert.Equal("abc", await File.ReadAllTextAsync(first.Path));
    }

    [Fact]
    public async Task Stream_failing_midway_leaves_neither_a_blob_nor_a_temporary_file()
    {
        var failing = new GuardedBodyStream(Bytes(new string('x', 100_000)), maxBytes: 10_000, expectedBytes: null, rejectHtml: false);

        await Assert.ThrowsAsync<FetchAttemptException>(() => cache.AddAsync(failing));

        Assert.Empty(Directory.EnumerateFiles(cache.BlobsDir));
        Assert.Empty(Directory.EnumerateFiles(cache.TempDir));
    }

    [Fact]
    public async Task Provenance_log_round_trips_and_skips_a_line_torn_by_a_crash()
    {
        var a = Record("http://127.0.0.1/a", AbcSha256, 3, T0) with { ETag = "W/\"x\"", ContentType = "text/plain" };
        var b = Record("http://127.0.0.1/b", AbcSha256, 3, T0.AddHours(1)) with { HttpStatus = 304 };
        await cache.AppendAsync(a);
        await cache.AppendAsync(b);
        await File.AppendAllTextAsync(cache.ProvenanceLog, "{\"url\":\"http://127.0.0.1/c\",\"fee");

        Assert.Equal([a, b], cache.ReadLog());
    }

    [Fact]
    public async Task Latest_verified_copy_is_the_newest_whose_blob_still_hashes_to_its_name()
    {
        var old = await cache.AddAsync(Bytes("abc"));
        var newer = await cache.AddAsync(Bytes("abcd"));
        const string url = "http://127.0.0.1/list";
        await cache.AppendAsync(Record(url, old.Sha256, old.Bytes, T0));
        await cache.AppendAsync(Record(url, newer.Sha256, newer.Bytes, T0.AddDays(1)));
        await cache.AppendAsync(Record("http://127.0.0.1/other", newer.Sha256, newer.Bytes, T0.AddDays(2)));

        Assert.Equal(newer.Sha256, (await cache.LatestVerifiedAsync(url))?.Sha256);

        await File.WriteAllTextAsync(newer.Path, "abce");
        Assert.Equal(old.Sha256, (await cache.LatestVerifiedAsync(url))?.Sha256);

        File.Delete(old.Path);
        Assert.Null(await cache.LatestVerifiedAsync(url));
    }

    [Fact]
    public void Cache_of_a_run_layout_lives_in_its_feed_cache_folder()
    {
        var layout = new Ipsml.Pipelines.Runs.RunLayout(Path.Combine(dir.Path, "out"));

        Assert.Equal(Path.Combine(dir.Path, "out", "cache", "feeds"), ContentCache.For(layout).Root);
    }

    [Fact]
    public async Task Empty_cache_has_no_log_and_no_copy()
    {
        Assert.Empty(cache.ReadLog());
        Assert.Null(await cache.LatestVerifiedAsync("http://127.0.0.1/list"));
    }
}
