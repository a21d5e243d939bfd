using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ipsml.Features.Inputs;
using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>The top-list resolver against a DNS responder on 127.0.0.1; no other resolver is ever asked.</summary>
public sealed class TopListResolverTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static readonly Dictionary<string, IReadOnlyList<IPAddress>> Zone = new()
    {
        // Answered deliberately out of order: the CSV must sort them.
        ["alpha.test"] = [IPAddress.Parse("192.0.2.2"), IPAddress.Parse("2001:db8::1"), IPAddress.Parse("192.0.2.1")],
        ["beta.test"] = [IPAddress.Parse("198.51.100.7")],
        ["gamma.test"] = [IPAddress.Parse("203.0.113.9")],
        ["delta.test"] = [IPAddress.Parse("203.0.113.10")],
    };

    private const string List = "1,alpha.test\r\n2,beta.test\r\n3,missing.test\r\n4,gamma.test\r\n5,delta.test\r\n";

    private readonly TestDirectory dir = new();

    private readonly ManualClock clock = new(T0);

    private readonly ContentCache cache;

    public TopListResolverTests()
    {
        cache = new ContentCache(Path.Combine(dir.Path, "cache", "feeds"));
    }

    public void Dispose() => dir.Dispose();

    private TopListResolver Resolver(LoopbackDnsServer dns, int count = 4) => new(
        cache,
        new TopListOptions
        {
            Count = count,
            NameServers = [dns.EndPoint],
            Timeout = TimeSpan.FromMilliseconds(500),
            Retries = 0,
            MaxConcurrency = 2,
            MaxAnswerAge = TimeSpan.FromDays(7),
        },
        clock);

    private FetchedFile ZipList(string csv)
    {
        var path = Path.Combine(dir.Path, "top-1m.csv.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var entry = new StreamWriter(zip.CreateEntry("top-1m.csv").Open());
            entry.Write(csv);
        }

        return ListFile(path);
    }

    private FetchedFile PlainList(string csv) => ListFile(dir.Write("top.csv", csv));

    private static FetchedFile ListFile(string path) => new()
    {
        Origin = "http://127.0.0.1/top-1m.csv.zip",
        Path = path,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path))),
        Bytes = new FileInfo(path).Length,
        Status = HttpFeedFetcher.Fresh,
    };

    [Fact]
    public async Task First_n_domains_of_a_zipped_list_become_sorted_rank_domain_ip_resolved_at_rows()
    {
        await using var dns = new LoopbackDnsServer(Zone);
        var list = ZipList(List);

        var result = await Resolver(dns).ResolveAsync(list, "umbrella");

        const string expected =
            "1,alpha.test,192.0.2.1,2026-01-02T03:04:05Z\n" +
            "1,alpha.test,192.0.2.2,2026-01-02T03:04:05Z\n" +
            "1,alpha.test,2001:db8::1,2026-01-02T03:04:05Z\n" +
            "2,beta.test,198.51.100.7,2026-01-02T03:04:05Z\n" +
            "4,gamma.test,203.0.113.9,2026-01-02T03:04:05Z\n";
        var file = Assert.IsType<FetchedFile>(result.File);
        Assert.Equal(expected, await File.ReadAllTextAsync(file.Path));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(expected))), file.Sha256);
        Assert.Equal("resolved-top-4:http://127.0.0.1/top-1m.csv.zip", file.Origin);
        Assert.Equal(HttpFeedFetcher.Fresh, file.Status);
        Assert.Equal((4, 3, 1, 0, 0, 5), (result.Domains, result.Resolved, result.NoAddress, result.Failed, result.FromCache, result.Rows));
        Assert.Null(result.Warning);
        Assert.DoesNotContain("delta.test", dns.NamesAsked);

        var record = Assert.Single(cache.ReadLog());
        Assert.Equal(list.Sha256, record.DerivedFrom);
        Assert.Equal("umbrella", record.Feed);
        Assert.Null(record.HttpStatus);
    }

    [Fact]
    public async Task Cached_answers_younger_than_the_maximum_age_are_reused_with_their_original_time()
    {
        await using var dns = new LoopbackDnsServer(Zone);
        var list = ZipList(List);
        var first = await Resolver(dns).ResolveAsync(list, "umbrella");
        var asked = dns.Queries.Count;
        clock.Now = T0 + TimeSpan.FromDays(6);

        var second = await Resolver(dns).ResolveAsync(list, "umbrella");

        Assert.Equal(asked, dns.Queries.Count);
        Assert.Equal(4, second.FromCache);
        Assert.Equal(first.File!.Sha256, second.File!.Sha256);
    }

    [Fact]
    public async Task Answers_older_than_the_maximum_age_are_asked_again()
    {
        await using var dns = new LoopbackDnsServer(Zone);
        var list = ZipList(List);
        await Resolver(dns).ResolveAsync(list, "umbrella");
        var asked = dns.Queries.Count;
        clock.Now = T0 + TimeSpan.FromDays(8);

        var second = await Resolver(dns).ResolveAsync(list, "umbrella");

        Assert.Equal(2 * asked, dns.Queries.Count);
        Assert.Equal(0, second.FromCache);
        Assert.StartsWith("1,alpha.test,192.0.2.1,2026-01-10T03:04:05Z\n", await File.ReadAllTextAsync(second.File!.Path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Failed_lookup_is_counted_reported_and_not_cached()
    {
        await using var dns = new LoopbackDnsServer(Zone, failing: new HashSet<string> { "beta.test" });
        var list = PlainList(List);

        var first = await Resolver(dns).ResolveAsync(list, "umbrella");
        clock.Now = T0 + TimeSpan.FromHours(1);
        var second = await Resolver(dns).ResolveAsync(list, "umbrella");

        Assert.Equal((2, 1, 1), (first.Resolved, first.NoAddress, first.Failed));
        Assert.Equal(
            "resolved-top-4:http://127.0.0.1/top-1m.csv.zip: 1 of 4 domains could not be resolved (first: beta.test: A ServerFailure)",
            first.Warning);
        Assert.DoesNotContain(",beta.test,", await File.ReadAllTextAsync(first.File!.Path), StringComparison.Ordinal);
        Assert.Equal(3, second.FromCache);
        Assert.Equal(2, dns.Queries.Count(q => q.Name == "beta.test" && q.Type == 1));
    }

    [Fact]
    public async Task All_lookups_failing_falls_back_to_the_previous_resolved_list()
    {
        var list = ZipList(List);
        FetchedFile previous;
        await using (var dns = new LoopbackDnsServer(Zone))
        {
            previous = (await Resolver(dns).ResolveAsync(list, "umbrella")).File!;
        }

        clock.Now = T0 + TimeSpan.FromDays(8);
        var everyName = new HashSet<string>(Zone.Keys) { "missing.test" };
        await using var silent = new LoopbackDnsServer(Zone, silent: everyName);

        var result = await Resolver(silent).ResolveAsync(list, "umbrella");

        var file = Assert.IsType<FetchedFile>(result.File);
        Assert.Equal(HttpFeedFetcher.StaleCache, file.Status);
        Assert.Equal(previous.Sha256, file.Sha256);
        Assert.Equal(T0, file.FetchedAt);
        Assert.Equal(4, result.Failed);
        Assert.StartsWith("resolved-top-4:http://127.0.0.1/top-1m.csv.zip: all 4 lookups failed (first: alpha.test: A ", result.Warning, StringComparison.Ordinal);
        Assert.EndsWith("; using the cached copy of 2026-01-02T03:04:05Z (8d 0h old)", result.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task All_lookups_failing_without_a_previous_result_gives_no_file_and_a_warning()
    {
        var everyName = new HashSet<string>(Zone.Keys) { "missing.test" };
        await using var silent = new LoopbackDnsServer(Zone, silent: everyName);

        var result = await Resolver(silent).ResolveAsync(ZipList(List), "umbrella");

        Assert.Null(result.File);
        Assert.EndsWith("; no cached copy", result.Warning, StringComparison.Ordinal);
        Assert.Empty(cache.ReadLog());
    }

    [Fact]
    public async Task Resolving_a_feed_replaces_its_list_by_the_resolved_csv_and_keeps_the_download_warning()
    {
        await using var dns = new LoopbackDnsServer(Zone);
        var downloaded = new FetchedFeed { Feed = "umbrella", Files = [ZipList(List)], Warning = "feed 'umbrella': stale" };

        var resolved = await Resolver(dns, count: 2).ResolveFeedAsync(downloaded);

        var file = Assert.Single(resolved.Files);
        Assert.Equal("resolved-top-2:http://127.0.0.1/top-1m.csv.zip", file.Origin);
        Assert.Equal(4, (await File.ReadAllLinesAsync(file.Path)).Length);
        Assert.Equal("feed 'umbrella': stale", resolved.Warning);
    }

    [Fact]
    public async Task Unreadable_list_is_a_warning_not_an_exception()
    {
        await using var dns = new LoopbackDnsServer(Zone);
        var broken = ListFile(dir.Write("broken.zip", [(byte)'P', (byte)'K', 3, 4, 1, 2, 3]));

        var result = await Resolver(dns).ResolveAsync(broken, "umbrella");

        Assert.Null(result.File);
        Assert.StartsWith("resolved-top-4:http://127.0.0.1/top-1m.csv.zip: cannot read top list", result.Warning, StringComparison.Ordinal);
        Assert.Empty(dns.Queries);
    }

    [Fact]
    public void Bad_list_lines_become_drops_with_line_and_reason()
    {
        const string text = "rank,domain\n1,alpha.test\n\nfoo\n2,bad domain!\n3,Beta.Test.\n4,alpha.test\n5,gamma.test\n";

        var (entries, drops) = TopListFile.Parse(new StringReader(text), count: 2);

        Assert.Equal([(1L, "alpha.test"), (3L, "beta.test")], entries.Select(e => (e.Rank, e.Domain)));
        Assert.Equal(
            [(4L, DropReason.WrongColumnCount), (5L, DropReason.BadValue)],
            drops.Select(d => (d.Line, d.Reason)));
    }

    [Fact]
    public void Repeated_domain_is_dropped_as_a_conflict()
    {
        var (entries, drops) = TopListFile.Parse(new StringReader("1,a.test\n2,A.test\n3,b.test\n"), count: 10);

        Assert.Equal(["a.test", "b.test"], entries.Select(e => e.Domain));
        Assert.Equal((2L, DropReason.Conflict), (drops.Single().Line, drops.Single().Reason));
    }
}
