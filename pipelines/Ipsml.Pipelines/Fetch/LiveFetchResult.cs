namespace Ipsml.Pipelines.Fetch;

/// <summary>What a live fetch produced (<see cref="Sources"/>, to write as sources.json) and what went wrong on the way.</summary>
public sealed record LiveFetchResult(FetchedSources Sources, IReadOnlyList<FetchFailure> Failures)
{
    /// <summary>Enabled feeds that ended with no file at all.</summary>
    public IReadOnlyList<string> FeedsWithoutFiles =>
        Sources.Feeds.Where(f => f.Files.Count == 0).Select(f => f.Feed).ToList();

    /// <summary>Failures that were covered by a stale cached copy.</summary>
    public int StaleCount => Failures.Count(f => f.UsedStaleCopy);

    /// <summary>True when every file is fresh or confirmed unchanged (304).</summary>
    public bool AllCurrent => Failures.Count == 0;
}
