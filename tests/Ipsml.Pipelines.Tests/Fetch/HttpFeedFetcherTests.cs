using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>
/// The live fetcher against a real HTTP server on 127.0.0.1 that misbehaves on purpose.
/// No other address is ever contacted.
/// </summary>
public sealed class HttpFeedFetcherTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TestDirectory dir = new();

    private readonly ManualClock clock = new(T0);

    private readonly ContentCache cache;

    public HttpFeedFetcherTests()
    {
        cache = new ContentCache(Path.Combine(dir.Path, "cache", "feeds"));
    }

    public void Dispose() => dir.Dispose();

    private static HttpFetchOptions Quick => new()
    {
        RequestTimeout = TimeSpan.FromSeconds(1),
        ConnectTimeout = TimeSpan.FromSeconds(1),
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        RetryMaxDelay = TimeSpan.FromMilliseconds(5),
        RetryJitter = false,
        MaxRedirects = 3,
        UseProxy = false,
        MaxParallelFeeds = 2,
    };

    private static FeedDefinition Feed(string name, params string[] urls) => new()
    {
        Name = name,
        Label = "malicious",
        Format = "ip-list",
        Urls = urls,
        Licence = "test",
        Time = "none",
    };

    private static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private HttpFeedFetcher Fetcher(HttpFetchOptions? options = null) => new(cache, options ?? Quick, clock: clock);

    private async Task<LiveFetchResult> FetchAsync(HttpFetchOptions? options, params FeedDefinition[] feeds)
    {
        using var fetcher = Fetcher(options);
        return await fetcher.FetchAsync(feeds);
    }

    private IEnumerable<string> BlobsOnDisk() =>
        Directory.Exists(cache.BlobsDir) ? Directory.EnumerateFiles(cache.BlobsDir) : [];

    private IEnumerable<string> TempFilesOnDisk() =>
        Directory.Exists(cache.TempDir) ? Directory.EnumerateFiles(cache.TempDir) : [];

    [Fact]
    public async Task Fresh_download_lands_in_the_cache_under_its_sha256_with_provenance()
    {
        const string body = "192.0.2.1\n198.51.100.2\n";
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text(
            body, "text/plain; charset=utf-8", ("ETag", "\"v1\""), ("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")));
        var url = server.Url("/list.txt");

        var result = await FetchAsync(null, Feed("alpha", url));

        var file = Assert.Single(Assert.Single(result.Sources.Feeds).Files);
        var expectedSha = Sha256Hex(Encoding.UTF8.GetBytes(body));
        Assert.Equal("live", result.Sources.Mode);
        Assert.Equal(HttpFeedFetcher.Fresh, file.Status);
        Assert.Equal(url, file.Origin);
        Assert.Equal(expectedSha, file.Sha256);
        Assert.Equal(Path.Combine(cache.BlobsDir, expectedSha), file.Path);
        Assert.Equal(body, await File.ReadAllTextAsync(file.Path));
        Assert.Equal(T0, file.FetchedAt);
        Assert.Empty(result.Failures);
        Assert.Empty(TempFilesOnDisk());

        var record = Assert.Single(cache.ReadLog());
        Assert.Equal(url, record.Url);
        Assert.Equal("alpha", record.Feed);
        Assert.Equal(200, record.HttpStatus);
        Assert.Equal(expectedSha, record.Sha256);
        Assert.Equal(body.Length, record.Bytes);
        Assert.Equal("\"v1\"", record.ETag);
        Assert.Equal(new DateTimeOffset(2015, 10, 21, 7, 28, 0, TimeSpan.Zero), record.LastModified);
        Assert.Equal("text/plain; charset=utf-8", record.ContentType);
        Assert.Equal(T0, record.FetchedAt);
    }

    [Fact]
    public async Task Gzip_encoded_body_is_decompressed_before_it_is_hashed_and_stored()
    {
        var plain = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(1, 200).Select(i => $"10.0.{i}.1\n")));
        var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        await using var server = new LoopbackHttpServer((_, _) => new ServerReply
        {
            Body = packed.ToArray(),
            Headers = [new("Content-Type", "text/plain"), new("Content-Encoding", "gzip")],
        });

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        var file = Assert.Single(result.Sources.Feeds[0].Files);
        Assert.Equal(Sha256Hex(plain), file.Sha256);
        Assert.Equal(plain.Length, file.Bytes);
        Assert.Contains("gzip", server.Requests[0].Header("Accept-Encoding") ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_is_retried_and_the_retry_succeeds()
    {
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.WithStatus(500, "Internal Server Error")
            : ServerReply.Text("192.0.2.1\n"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        Assert.Equal(HttpFeedFetcher.Fresh, Assert.Single(result.Sources.Feeds[0].Files).Status);
        Assert.Equal(2, server.CountFor("/list.txt"));
        Assert.Null(result.Sources.Feeds[0].Warning);
        Assert.Empty(result.Failures);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_honouring_a_short_retry_after()
    {
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.WithStatus(429, "Too Many Requests", ("Retry-After", "0"))
            : ServerReply.Text("192.0.2.1\n"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        Assert.Equal(HttpFeedFetcher.Fresh, Assert.Single(result.Sources.Feeds[0].Files).Status);
        Assert.Equal(2, server.CountFor("/list.txt"));
    }

    [Fact]
    public async Task Slow_response_times_out_and_the_retry_succeeds()
    {
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.Text("192.0.2.1\n") with { Delay = TimeSpan.FromSeconds(30) }
            : ServerReply.Text("192.0.2.1\n"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        Assert.Equal(HttpFeedFetcher.Fresh, Assert.Single(result.Sources.Feeds[0].Files).Status);
        Assert.Equal(2, server.CountFor("/list.txt"));
    }

    [Fact]
    public async Task Slow_response_on_every_attempt_falls_back_to_the_cached_copy_and_says_how_old_it_is()
    {
        // First run succeeds; in the second run every attempt hangs past the timeout.
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.Text("192.0.2.1\n")
            : ServerReply.Text("192.0.2.99\n") with { Delay = TimeSpan.FromSeconds(30) });
        var url = server.Url("/list.txt");
        var first = await FetchAsync(null, Feed("alpha", url));
        clock.Now = T0 + TimeSpan.FromDays(2) + TimeSpan.FromHours(5);

        var second = await FetchAsync(Quick with { MaxRetries = 1 }, Feed("alpha", url));

        var file = Assert.Single(second.Sources.Feeds[0].Files);
        Assert.Equal(HttpFeedFetcher.StaleCache, file.Status);
        Assert.Equal(first.Sources.Feeds[0].Files[0].Sha256, file.Sha256);
        Assert.Equal(T0, file.FetchedAt);
        Assert.Equal(
            $"feed 'alpha': {url}: timed out after 1 s (after 2 attempts); using the cached copy of 2026-03-01T00:00:00Z (2d 5h old)",
            second.Sources.Feeds[0].Warning);
        var failure = Assert.Single(second.Failures);
        Assert.Equal(TimeSpan.FromHours(53), failure.CachedCopyAge);
        Assert.Equal(3, server.CountFor("/list.txt"));
    }

    [Fact]
    public async Task Not_found_is_not_retried_and_the_stale_cached_copy_is_used()
    {
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.Text("192.0.2.1\n")
            : ServerReply.WithStatus(404, "Not Found"));
        var url = server.Url("/list.txt");
        await FetchAsync(null, Feed("alpha", url));
        clock.Now = T0 + TimeSpan.FromHours(3);

        var second = await FetchAsync(null, Feed("alpha", url));

        Assert.Equal(HttpFeedFetcher.StaleCache, Assert.Single(second.Sources.Feeds[0].Files).Status);
        Assert.Equal(2, server.CountFor("/list.txt"));
        Assert.Equal(
            $"feed 'alpha': {url}: HTTP 404 Not Found; using the cached copy of 2026-03-01T00:00:00Z (3h 0m old)",
            second.Sources.Feeds[0].Warning);
    }

    [Fact]
    public async Task Forbidden_is_not_retried_and_without_a_cached_copy_the_feed_has_no_file()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.WithStatus(403, "Forbidden"));
        var url = server.Url("/list.txt");

        var result = await FetchAsync(null, Feed("alpha", url));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Equal(1, server.CountFor("/list.txt"));
        Assert.Equal($"feed 'alpha': {url}: HTTP 403 Forbidden; no cached copy", result.Sources.Feeds[0].Warning);
        Assert.Equal(["alpha"], result.FeedsWithoutFiles);
        Assert.False(Assert.Single(result.Failures).UsedStaleCopy);
    }

    [Fact]
    public async Task Truncated_body_is_a_retried_failure_and_nothing_reaches_the_cache()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text("192.0.2.1\n") with { AnnouncedLength = 1000 });

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Contains("truncated body", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
        Assert.Equal(3, server.CountFor("/list.txt"));
        Assert.Empty(BlobsOnDisk());
        Assert.Empty(TempFilesOnDisk());
        Assert.Empty(cache.ReadLog());
    }

    [Fact]
    public async Task Html_error_page_served_with_200_is_rejected_for_a_data_feed()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text(
            "<html><body>Please log in</body></html>", "text/html; charset=utf-8"));
        var url = server.Url("/list.txt");

        var result = await FetchAsync(null, Feed("alpha", url));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Equal(
            $"feed 'alpha': {url}: HTTP 200 OK served text/html for a 'ip-list' feed (an error or login page?); no cached copy",
            result.Sources.Feeds[0].Warning);
        Assert.Equal(1, server.CountFor("/list.txt"));
        Assert.Empty(BlobsOnDisk());
    }

    [Fact]
    public async Task Html_page_labelled_as_plain_text_is_recognised_by_its_first_bytes()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text(
            "\n  <!DOCTYPE html>\n<html><head><title>503</title></head></html>", "text/plain"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/list.txt")));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Contains("body is an HTML page", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
        Assert.Empty(BlobsOnDisk());
    }

    [Fact]
    public async Task Feed_allowed_to_be_labelled_html_is_accepted_when_its_body_is_data()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text("192.0.2.1\n", "text/html"));
        var options = Quick with { AcceptHtmlContentType = new HashSet<string> { "sloppy" } };

        var result = await FetchAsync(options, Feed("sloppy", server.Url("/a.txt")), Feed("strict", server.Url("/b.txt")));

        Assert.Equal(HttpFeedFetcher.Fresh, Assert.Single(result.Sources.Feeds[0].Files).Status);
        Assert.Empty(result.Sources.Feeds[1].Files);
    }

    [Fact]
    public async Task Oversized_body_without_content_length_is_cut_at_the_cap_and_nothing_is_cached()
    {
        var big = new byte[200_000];
        Array.Fill(big, (byte)'1');
        await using var server = new LoopbackHttpServer((_, _) => new ServerReply
        {
            Body = big,
            CloseDelimited = true,
            Headers = [new("Content-Type", "text/plain")],
        });

        var result = await FetchAsync(Quick with { MaxBytes = 50_000 }, Feed("alpha", server.Url("/big.txt")));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Contains("body exceeds the size cap of 50000 bytes", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
        Assert.Equal(1, server.CountFor("/big.txt"));
        Assert.Empty(BlobsOnDisk());
        Assert.Empty(TempFilesOnDisk());
        Assert.Empty(cache.ReadLog());
    }

    [Fact]
    public async Task Oversized_content_length_is_refused_before_reading_the_body()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text(new string('1', 2_000)));

        var result = await FetchAsync(Quick with { MaxBytes = 1_000 }, Feed("alpha", server.Url("/big.txt")));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Contains("Content-Length 2000 exceeds the size cap of 1000 bytes", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
        Assert.Empty(BlobsOnDisk());
    }

    [Fact]
    public async Task Per_feed_size_cap_overrides_the_default()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text(new string('1', 2_000)));
        var options = Quick with { MaxBytes = 1_000, MaxBytesByFeed = new Dictionary<string, long> { ["big"] = 5_000 } };

        var result = await FetchAsync(options, Feed("small", server.Url("/a.txt")), Feed("big", server.Url("/b.txt")));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Equal(2_000, Assert.Single(result.Sources.Feeds[1].Files).Bytes);
    }

    [Fact]
    public async Task Redirect_loop_fails_cleanly_after_the_redirect_limit_without_retrying()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.WithStatus(302, "Found", ("Location", "/loop")));
        var url = server.Url("/loop");

        var result = await FetchAsync(null, Feed("alpha", url));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Equal(
            $"feed 'alpha': {url}: HTTP 302 Found: redirect not followed (more than 3 redirects, or no usable Location); no cached copy",
            result.Sources.Feeds[0].Warning);
        Assert.Equal(4, server.CountFor("/loop"));
    }

    [Fact]
    public async Task Redirect_is_followed_and_the_file_keeps_the_registry_url_as_origin()
    {
        await using var server = new LoopbackHttpServer((request, _) => request.Path == "/old"
            ? ServerReply.WithStatus(301, "Moved Permanently", ("Location", "/new"))
            : ServerReply.Text("192.0.2.1\n"));
        var url = server.Url("/old");

        var result = await FetchAsync(null, Feed("alpha", url));

        var file = Assert.Single(result.Sources.Feeds[0].Files);
        Assert.Equal(url, file.Origin);
        Assert.Equal(Sha256Hex(Encoding.UTF8.GetBytes("192.0.2.1\n")), file.Sha256);
    }

    [Fact]
    public async Task Second_fetch_revalidates_with_etag_and_last_modified_and_reuses_the_blob_on_304()
    {
        await using var server = new LoopbackHttpServer((request, _) => request.Header("If-None-Match") == "\"v1\""
            ? new ServerReply { Status = 304, Reason = "Not Modified", Headers = [new("ETag", "\"v1\"")] }
            : ServerReply.Text("192.0.2.1\n", "text/plain", ("ETag", "\"v1\""), ("Last-Modified", "Wed, 21 Oct 2015 07:28:00 GMT")));
        var url = server.Url("/list.txt");
        var first = await FetchAsync(null, Feed("alpha", url));
        clock.Now = T0 + TimeSpan.FromDays(1);

        var second = await FetchAsync(null, Feed("alpha", url));

        var before = Assert.Single(first.Sources.Feeds[0].Files);
        var after = Assert.Single(second.Sources.Feeds[0].Files);
        Assert.Equal(HttpFeedFetcher.NotModified, after.Status);
        Assert.Equal(before.Sha256, after.Sha256);
        Assert.Equal(before.Path, after.Path);
        Assert.Equal(T0 + TimeSpan.FromDays(1), after.FetchedAt);
        Assert.Null(second.Sources.Feeds[0].Warning);

        var revalidation = server.Requests[1];
        Assert.Null(server.Requests[0].Header("If-None-Match"));
        Assert.Equal("\"v1\"", revalidation.Header("If-None-Match"));
        Assert.Equal("Wed, 21 Oct 2015 07:28:00 GMT", revalidation.Header("If-Modified-Since"));

        Assert.Equal([200, 304], cache.ReadLog().Select(r => r.HttpStatus));
        Assert.Single(BlobsOnDisk());
    }

    [Fact]
    public async Task Every_feed_failing_with_a_warm_cache_still_yields_every_file_as_stale_with_warnings()
    {
        var failing = false;
        await using var server = new LoopbackHttpServer((request, _) => failing
            ? ServerReply.WithStatus(503, "Service Unavailable")
            : ServerReply.Text($"content of {request.Path}\n"));
        var feeds = new[]
        {
            Feed("alpha", server.Url("/a.txt")),
            Feed("beta", server.Url("/b1.txt"), server.Url("/b2.txt")),
        };
        var warm = await FetchAsync(null, feeds);
        failing = true;
        clock.Now = T0 + TimeSpan.FromDays(3);

        var result = await FetchAsync(null, feeds);

        Assert.All(result.Sources.Feeds.SelectMany(f => f.Files), f => Assert.Equal(HttpFeedFetcher.StaleCache, f.Status));
        Assert.Equal(
            warm.Sources.Feeds.SelectMany(f => f.Files).Select(f => f.Sha256),
            result.Sources.Feeds.SelectMany(f => f.Files).Select(f => f.Sha256));
        Assert.Equal(
            $"feed 'beta': {server.Url("/b1.txt")}: HTTP 503 Service Unavailable (after 3 attempts); using the cached copy of 2026-03-01T00:00:00Z (3d 0h old); "
            + $"{server.Url("/b2.txt")}: HTTP 503 Service Unavailable (after 3 attempts); using the cached copy of 2026-03-01T00:00:00Z (3d 0h old)",
            result.Sources.Feeds[1].Warning);
        Assert.NotNull(result.Sources.Feeds[0].Warning);
        Assert.Equal(3, result.StaleCount);
        Assert.Empty(result.FeedsWithoutFiles);
        Assert.False(result.AllCurrent);
    }

    [Fact]
    public async Task Every_feed_failing_with_an_empty_cache_yields_warnings_and_no_files()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.WithStatus(503, "Service Unavailable"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/a.txt")), Feed("beta", server.Url("/b.txt")));

        Assert.All(result.Sources.Feeds, f => Assert.Empty(f.Files));
        Assert.All(result.Sources.Feeds, f => Assert.EndsWith("HTTP 503 Service Unavailable (after 3 attempts); no cached copy", f.Warning, StringComparison.Ordinal));
        Assert.Equal(["alpha", "beta"], result.FeedsWithoutFiles);
        Assert.Equal(2, result.Failures.Count);
        Assert.Equal(0, result.StaleCount);
    }

    [Fact]
    public async Task Refused_connection_is_a_failure_with_a_warning_not_an_exception()
    {
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var url = $"http://127.0.0.1:{port}/list.txt";

        var result = await FetchAsync(null, Feed("alpha", url));

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.StartsWith($"feed 'alpha': {url}: ConnectionError: ", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
        Assert.EndsWith("(after 3 attempts); no cached copy", result.Sources.Feeds[0].Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupted_cached_blob_is_never_served_as_a_stale_copy()
    {
        await using var server = new LoopbackHttpServer((_, n) => n == 0
            ? ServerReply.Text("192.0.2.1\n")
            : ServerReply.WithStatus(404, "Not Found"));
        var url = server.Url("/list.txt");
        var first = await FetchAsync(null, Feed("alpha", url));
        await File.WriteAllTextAsync(first.Sources.Feeds[0].Files[0].Path, "192.0.2.666\n");

        var second = await FetchAsync(null, Feed("alpha", url));

        Assert.Empty(second.Sources.Feeds[0].Files);
        Assert.EndsWith("HTTP 404 Not Found; no cached copy", second.Sources.Feeds[0].Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_failing_url_of_a_feed_keeps_the_other_files_and_names_the_failed_url()
    {
        await using var server = new LoopbackHttpServer((request, _) => request.Path == "/gone.txt"
            ? ServerReply.WithStatus(404, "Not Found")
            : ServerReply.Text("192.0.2.1\n"));

        var result = await FetchAsync(null, Feed("alpha", server.Url("/ok.txt"), server.Url("/gone.txt")));

        Assert.Equal([server.Url("/ok.txt")], result.Sources.Feeds[0].Files.Select(f => f.Origin));
        Assert.Equal($"feed 'alpha': {server.Url("/gone.txt")}: HTTP 404 Not Found; no cached copy", result.Sources.Feeds[0].Warning);
    }

    [Fact]
    public async Task Snapshot_only_feed_gets_a_warning_in_live_mode()
    {
        var feed = new FeedDefinition
        {
            Name = "offline",
            Label = "malicious",
            Format = "ip-list",
            Snapshot = ["x/y.txt"],
            Licence = "test",
            Time = "none",
        };

        var result = await FetchAsync(null, feed);

        Assert.Empty(result.Sources.Feeds[0].Files);
        Assert.Equal("feed 'offline' has no live urls (snapshot only)", result.Sources.Feeds[0].Warning);
        Assert.Null(Assert.Single(result.Failures).Url);
    }

    [Fact]
    public async Task Registry_fetch_skips_disabled_feeds_and_keeps_registry_order()
    {
        await using var server = new LoopbackHttpServer((request, _) => ServerReply.Text($"{request.Path}\n"));
        var registry = new FeedRegistry
        {
            Feeds =
            [
                Feed("zeta", server.Url("/z.txt")),
                Feed("off", server.Url("/off.txt")) with { Enabled = false },
                Feed("alpha", server.Url("/a.txt")),
            ],
        };

        using var fetcher = Fetcher();
        var result = await fetcher.FetchAsync(registry);

        Assert.Equal(["zeta", "alpha"], result.Sources.Feeds.Select(f => f.Feed));
        Assert.Equal(0, server.CountFor("/off.txt"));
    }

    [Fact]
    public async Task Cancelled_fetch_throws_instead_of_reporting_a_failure()
    {
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.Text("192.0.2.1\n"));
        using var fetcher = Fetcher();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fetcher.FetchAsync([Feed("alpha", server.Url("/list.txt"))], cancelled.Token));
        Assert.Empty(BlobsOnDisk());
    }
}
