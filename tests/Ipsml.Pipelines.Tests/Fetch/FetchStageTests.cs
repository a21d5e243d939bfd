using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>The fetch stage in live mode against a loopback server: a working run, then every feed failing.</summary>
public sealed class FetchStageTests : IDisposable
{
    private static readonly HttpFetchOptions Quick = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(2),
        ConnectTimeout = TimeSpan.FromSeconds(2),
        MaxRetries = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(10),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        RetryJitter = false,
        UseProxy = false,
    };

    private readonly TestDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Registry(LoopbackHttpServer server) => dir.Write("feeds.json", $$"""
        { "feeds": [
          { "name": "one", "label": "malicious", "format": "ip-list", "urls": ["{{server.Url("/one.txt")}}"], "licence": "test", "time": "none" },
          { "name": "two", "label": "benign", "format": "ip-list", "urls": ["{{server.Url("/two.txt")}}"], "licence": "test", "time": "none" }
        ] }
        """);

    [Fact]
    public async Task Every_feed_failing_completes_from_the_cache_with_warnings()
    {
        var layout = new RunLayout(Path.Combine(dir.Path, "out"));
        var failing = false;
        await using var server = new LoopbackHttpServer((request, _) => failing
            ? ServerReply.WithStatus(500, "Internal Server Error")
            : ServerReply.Text(request.Path == "/one.txt" ? "1.2.3.4\n" : "5.6.7.8\n"));
        var registry = Registry(server);
        var first = new FetchStage(layout, new MemoryLog()).Run(new FetchRequest(registry, null, Http: Quick), false, CancellationToken.None);
        Assert.All(first.Sources.Feeds, f => Assert.Equal("fresh", Assert.Single(f.Files).Status));

        failing = true;
        var log = new MemoryLog();
        var second = new FetchStage(layout, log).Run(new FetchRequest(registry, null, Http: Quick), false, CancellationToken.None);

        Assert.All(second.Sources.Feeds, f => Assert.Equal("stale-cache", Assert.Single(f.Files).Status));
        Assert.Equal(first.Outcome.Key, second.Outcome.Key);   // same bytes: every later stage is reused
        Assert.Equal(2, log.Lines.Count(l => l.StartsWith("warning: fetch:", StringComparison.Ordinal) && l.Contains("cached copy")));
    }

    [Fact]
    public async Task Every_feed_failing_without_a_cache_fails_with_a_clear_message()
    {
        var layout = new RunLayout(Path.Combine(dir.Path, "empty"));
        await using var server = new LoopbackHttpServer((_, _) => ServerReply.WithStatus(503, "Service Unavailable"));
        var registry = Registry(server);

        var e = Assert.Throws<InvalidOperationException>(() =>
            new FetchStage(layout, new MemoryLog()).Run(new FetchRequest(registry, null, Http: Quick), false, CancellationToken.None));
        Assert.Contains("nothing is cached", e.Message);
        Assert.False(Directory.Exists(layout.StagesDir));
    }
}
