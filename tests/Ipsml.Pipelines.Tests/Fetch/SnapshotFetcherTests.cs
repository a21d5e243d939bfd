using System.Security.Cryptography;
using System.Text;
using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Fetch;

[Trait("Category", "SharedData")]
public sealed class SnapshotFetcherTests : IDisposable
{
    // SHA-256("abc") and SHA-256("") from FIPS 180-2 / NIST test vectors.
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    private const string EmptySha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private readonly TestDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private static FeedDefinition Feed(string name, params string[] snapshot) => new()
    {
        Name = name,
        Label = "malicious",
        Format = "ipset",
        Snapshot = snapshot,
        Urls = snapshot.Length == 0 ? ["http://127.0.0.1/unused"] : [],
        Licence = "test",
        Time = "none",
    };

    private async Task<FetchedSources> FetchAsync(params FeedDefinition[] feeds) =>
        await new SnapshotFetcher(dir.Path).FetchAsync(new FeedRegistry { Feeds = feeds });

    [Fact]
    public async Task Globs_in_the_file_name_expand_to_files_sorted_ordinally_with_their_sha256()
    {
        dir.Write("lists/b.ipset", "abc");
        dir.Write("lists/a.ipset", "");
        dir.Write("lists/B.ipset", "abc");
        dir.Write("lists/a.netset", "x");
        dir.Write("lists/sub/c.ipset", "x");

        var sources = await FetchAsync(Feed("alpha", "lists/*.ipset"));

        var feed = Assert.Single(sources.Feeds);
        Assert.Null(feed.Warning);
        Assert.Equal(["lists/B.ipset", "lists/a.ipset", "lists/b.ipset"], feed.Files.Select(f => f.Origin));
        Assert.Equal([AbcSha256, EmptySha256, AbcSha256], feed.Files.Select(f => f.Sha256));
        Assert.Equal([3L, 0L, 3L], feed.Files.Select(f => f.Bytes));
        Assert.All(feed.Files, f => Assert.Equal(SnapshotFetcher.Status, f.Status));
        Assert.All(feed.Files, f => Assert.Null(f.FetchedAt));
    }

    [Fact]
    public async Task Files_are_read_in_place_not_copied()
    {
        var original = dir.Write("feodo/ipblocklist.csv", "abc");

        var sources = await FetchAsync(Feed("alpha", "feodo/ipblocklist.csv"));

        Assert.Equal(Path.GetFullPath(original), Assert.Single(sources.Feeds[0].Files).Path);
        Assert.Equal("snapshot", sources.Mode);
        Assert.Equal(Path.GetFullPath(dir.Path), sources.SnapshotDir);
        Assert.Equal(["feodo"], Directory.EnumerateDirectories(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Question_mark_matches_exactly_one_character()
    {
        dir.Write("d/x1.txt", "1");
        dir.Write("d/x2.txt", "2");
        dir.Write("d/x10.txt", "10");

        var sources = await FetchAsync(Feed("alpha", "d/x?.txt"));

        Assert.Equal(["d/x1.txt", "d/x2.txt"], sources.Feeds[0].Files.Select(f => f.Origin));
    }

    [Fact]
    public async Task Overlapping_entries_give_each_file_once()
    {
        dir.Write("d/a.txt", "1");
        dir.Write("d/b.txt", "2");

        var sources = await FetchAsync(Feed("alpha", "d/*.txt", "d/a.txt"));

        Assert.Equal(["d/a.txt", "d/b.txt"], sources.Feeds[0].Files.Select(f => f.Origin));
    }

    [Fact]
    public async Task Entries_matching_nothing_give_a_feed_with_no_files_and_a_warning()
    {
        dir.Write("d/a.txt", "1");

        var sources = await FetchAsync(Feed("alpha", "d/*.csv", "nowhere/x.txt"));

        var feed = Assert.Single(sources.Feeds);
        Assert.Empty(feed.Files);
        Assert.Equal(
            $"feed 'alpha': no snapshot file found in '{Path.GetFullPath(dir.Path)}' ('d/*.csv' matched nothing; 'nowhere/x.txt' matched nothing (no folder 'nowhere'))",
            feed.Warning);
    }

    [Fact]
    public async Task Feed_without_snapshot_entries_gets_a_warning_and_no_files()
    {
        var sources = await FetchAsync(Feed("live-only"));

        Assert.Empty(sources.Feeds[0].Files);
        Assert.Equal("feed 'live-only' has no snapshot entries", sources.Feeds[0].Warning);
    }

    [Fact]
    public async Task Partly_matching_feed_keeps_its_files_and_warns_about_the_rest()
    {
        dir.Write("d/a.txt", "abc");

        var sources = await FetchAsync(Feed("alpha", "d/a.txt", "d/missing.txt"));

        Assert.Equal(["d/a.txt"], sources.Feeds[0].Files.Select(f => f.Origin));
        Assert.Equal("feed 'alpha': 'd/missing.txt' matched nothing", sources.Feeds[0].Warning);
    }

    [Fact]
    public async Task Entries_leaving_the_folder_or_globbing_folders_are_refused_with_a_warning()
    {
        dir.Write("inside/a.txt", "1");

        var sources = await FetchAsync(Feed("alpha", "../outside.txt", "inside/../../x.txt", "*/a.txt", "/etc/hostname"));

        Assert.Empty(sources.Feeds[0].Files);
        var warning = sources.Feeds[0].Warning!;
        Assert.Contains("'../outside.txt' leaves the snapshot folder", warning, StringComparison.Ordinal);
        Assert.Contains("'inside/../../x.txt' leaves the snapshot folder", warning, StringComparison.Ordinal);
        Assert.Contains("'*/a.txt' has a glob in its folder part", warning, StringComparison.Ordinal);
        Assert.Contains("'/etc/hostname' is absolute", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_feeds_are_left_out_and_order_follows_the_registry()
    {
        dir.Write("d/a.txt", "1");

        var sources = await FetchAsync(Feed("zeta", "d/a.txt"), Feed("off", "d/a.txt") with { Enabled = false }, Feed("alpha", "d/a.txt"));

        Assert.Equal(["zeta", "alpha"], sources.Feeds.Select(f => f.Feed));
    }

    [Fact]
    public async Task Missing_snapshot_folder_is_an_error_of_the_call()
    {
        var missing = Path.Combine(dir.Path, "no-such-folder");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(
            () => new SnapshotFetcher(missing).FetchAsync(new FeedRegistry { Feeds = [Feed("alpha", "a.txt")] }));
    }

    [Fact]
    public async Task Shared_data_snapshot_resolves_a_registry_loaded_from_json()
    {
        var registryPath = dir.Write("feeds.json", """
            {
              // a tiny registry over ../shared/data
              "feeds": [
                { "name": "feodo", "label": "malicious", "format": "feodo-csv", "snapshot": ["feodo-tracker/ipblocklist_*.csv"],
                  "licence": "abuse.ch terms", "time": "row" },
                { "name": "dshield", "label": "malicious", "format": "netset", "snapshot": ["firehol-ipsets/dshield*.netset"],
                  "licence": "CC BY-NC-SA 2.5", "time": "header" },
                { "name": "umbrella", "label": "benign", "format": "toplist", "snapshot": ["umbrella-top/no-such-*.csv"],
                  "licence": "Apache-2.0", "time": "none" },
              ],
            }
            """);
        var registry = FeedRegistry.Load(registryPath);
        var data = RepoPaths.SharedData;

        var sources = await new SnapshotFetcher(data).FetchAsync(registry);

        Assert.Equal(
            ["feodo-tracker/ipblocklist_2021-12-20.csv", "feodo-tracker/ipblocklist_2024-04-04.csv"],
            sources.Feeds[0].Files.Select(f => f.Origin));
        Assert.Equal(
            ["firehol-ipsets/dshield.netset", "firehol-ipsets/dshield_30d.netset"],
            sources.Feeds[1].Files.Select(f => f.Origin));
        foreach (var file in sources.Feeds.Take(2).SelectMany(f => f.Files))
        {
            var bytes = await File.ReadAllBytesAsync(Path.Combine(data, file.Origin));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(bytes.LongLength, file.Bytes);
            Assert.Equal(Path.Combine(data, file.Origin), file.Path);
        }

        Assert.Null(sources.Feeds[0].Warning);
        Assert.Empty(sources.Feeds[2].Files);
        Assert.NotNull(sources.Feeds[2].Warning);
    }

    [Fact]
    public async Task Sha256_matches_an_independent_hash_of_the_bytes()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 5_000).Select(i => $"10.{i % 256}.{i / 256}.1\n")));
        dir.Write("big.txt", bytes);

        var sources = await FetchAsync(Feed("alpha", "big.txt"));

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var chunk in bytes.Chunk(997))
        {
            sha.AppendData(chunk);
        }

        Assert.Equal(Convert.ToHexStringLower(sha.GetHashAndReset()), sources.Feeds[0].Files[0].Sha256);
    }
}
