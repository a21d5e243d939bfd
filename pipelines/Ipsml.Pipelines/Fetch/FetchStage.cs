using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// fetch: every enabled feed of the registry, from a snapshot folder (offline) or over HTTP into the
/// content-addressed cache (live, with stale-if-error), and the Umbrella top list resolved with DNS in live mode.
/// The stage output names every file to read, with its SHA-256 and provenance; its key hashes those, so an
/// unchanged download re-uses every later stage.
/// </summary>
public sealed class FetchStage(RunLayout layout, IPipelineLog log)
{
    public const string TopListFormat = "toplist";

    public FetchResult Run(FetchRequest request, bool force, CancellationToken cancellationToken)
    {
        var registry = FeedRegistry.Load(request.RegistryPath);
        if (request.Feeds is { } selected)
        {
            // Fetch exactly the feeds the experiment reads, enabled in the registry or not.
            registry = registry with { Feeds = [.. registry.Feeds.Select(f => f with { Enabled = selected.Contains(f.Name) })] };
        }

        var sources = (request.SnapshotDir is { } dir
            ? new SnapshotFetcher(dir).FetchAsync(registry, cancellationToken)
            : FetchLiveAsync(registry, request, cancellationToken)).GetAwaiter().GetResult();

        foreach (var feed in sources.Feeds.Where(f => f.Warning is not null))
        {
            log.Warn($"fetch: {feed.Feed}: {feed.Warning}");
        }

        var files = sources.Feeds.Sum(f => f.Files.Count);
        if (files == 0)
        {
            throw new InvalidOperationException($"fetch: no feed of {request.RegistryPath} could be read{(request.SnapshotDir is { } d ? $" from {d}" : " and nothing is cached")}; see the warnings above");
        }

        var inputs = new JsonObject
        {
            ["registry"] = Hashing.Sha256File(request.RegistryPath),
            ["mode"] = sources.Mode,
            ["sources"] = JsonSerializer.SerializeToNode(sources.Feeds.Select(f => new
            {
                feed = f.Feed,
                files = f.Files.Select(x => new { x.Origin, x.Path, x.Sha256, x.Format }),
            })),
        };
        var outcome = new StageRunner(layout).Run(StageNames.Fetch, inputs, force, output =>
        {
            var fetchFiles = new FetchFiles(output);
            File.WriteAllText(fetchFiles.Sources, JsonSerializer.Serialize(sources, RunStore.JsonOptions));
            File.Copy(request.RegistryPath, fetchFiles.Registry);
        });
        log.Info($"fetch: {sources.Feeds.Count} feeds, {files} files ({sources.Mode}), {sources.Feeds.Count(f => f.Warning is not null)} with warnings");
        return new FetchResult(outcome, sources);
    }

    private async Task<FetchedSources> FetchLiveAsync(FeedRegistry registry, FetchRequest request, CancellationToken cancellationToken)
    {
        var cache = ContentCache.For(layout);
        using var fetcher = new HttpFeedFetcher(cache, request.Http);
        var result = await fetcher.FetchAsync(registry, cancellationToken);
        var resolver = new TopListResolver(cache, request.TopList);
        var feeds = new List<FetchedFeed>();
        foreach (var feed in result.Sources.Feeds)
        {
            var definition = registry.Feeds.First(f => f.Name == feed.Feed);
            if (definition.Format != TopListFormat || feed.Files.Count == 0)
            {
                feeds.Add(feed);
                continue;
            }

            var resolved = await resolver.ResolveFeedAsync(feed, cancellationToken);
            feeds.Add(resolved with { Files = [.. resolved.Files.Select(f => f with { Format = TopListResolver.OutputFormat })] });
        }

        return result.Sources with { Feeds = feeds };
    }
}

/// <summary>What to fetch: the registry, and a snapshot folder for offline runs (null = live).</summary>
/// <param name="Feeds">Names of the feeds to fetch; null = the registry's enabled feeds.</param>
public sealed record FetchRequest(string RegistryPath, string? SnapshotDir, IReadOnlyCollection<string>? Feeds = null, HttpFetchOptions? Http = null, TopListOptions? TopList = null);

public sealed record FetchResult(StageOutcome Outcome, FetchedSources Sources);
