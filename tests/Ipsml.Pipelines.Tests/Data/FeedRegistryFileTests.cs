using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Data;

/// <summary>The shipped feed registry: valid, documented in the README, and every snapshot entry present in ../shared/data.</summary>
[Trait("Category", "SharedData")]
public sealed class FeedRegistryFileTests
{
    private static readonly string RegistryPath = Path.Combine(RepoPaths.Root, "data", "feeds.json");

    [Fact]
    public void Registry_loads_and_has_at_least_ten_enabled_feeds()
    {
        var registry = FeedRegistry.Load(RegistryPath);
        Assert.True(registry.Enabled.Count() >= 10);
        Assert.All(registry.Feeds, f => Assert.NotEmpty(f.Urls));
    }

    [Fact]
    public void Readme_documents_every_feed()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.All(FeedRegistry.Load(RegistryPath).Feeds, f => Assert.Contains($"| `{f.Name}`", readme));
    }

    [Fact]
    public async Task Every_snapshot_entry_of_every_feed_matches_a_shared_file()
    {
        var registry = FeedRegistry.Load(RegistryPath);
        var all = registry with { Feeds = [.. registry.Feeds.Select(f => f with { Enabled = true })] };
        var sources = await new SnapshotFetcher(RepoPaths.SharedData).FetchAsync(all);
        Assert.All(sources.Feeds, f => Assert.True(f.Warning is null && f.Files.Count > 0, $"{f.Feed}: {f.Warning}"));
    }
}
