namespace Ipsml.Pipelines.Report;

/// <summary>Per-feed differences between the champion's run and this run, from both runs' fetch, observations and dataset outputs.</summary>
public static class DataChanges
{
    public static IReadOnlyList<SourceChange> Compare(RunFacts champion, RunFacts current)
    {
        var feeds = champion.Observations.Feeds.Select(f => f.Feed)
            .Concat(current.Observations.Feeds.Select(f => f.Feed))
            .Concat(champion.Sources.Feeds.Select(f => f.Feed))
            .Concat(current.Sources.Feeds.Select(f => f.Feed))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return
        [
            .. feeds.Select(feed =>
            {
                var a = champion.Observations.Feeds.FirstOrDefault(f => f.Feed == feed);
                var b = current.Observations.Feeds.FirstOrDefault(f => f.Feed == feed);
                return new SourceChange(
                    feed,
                    Files(champion, current, feed),
                    a?.Lines,
                    b?.Lines,
                    a?.Observations,
                    b?.Observations,
                    a?.UniqueAddresses,
                    b?.UniqueAddresses,
                    DatasetRows(champion, feed, a is not null),
                    DatasetRows(current, feed, b is not null));
            }),
        ];
    }

    private static string Files(RunFacts champion, RunFacts current, string feed)
    {
        var a = champion.Sources.Feeds.FirstOrDefault(f => f.Feed == feed);
        var b = current.Sources.Feeds.FirstOrDefault(f => f.Feed == feed);
        if (a is null)
        {
            return b is null ? SourceChange.Same : SourceChange.Added;
        }

        if (b is null)
        {
            return SourceChange.Removed;
        }

        var hashesA = a.Files.Select(f => f.Sha256).Order(StringComparer.Ordinal);
        var hashesB = b.Files.Select(f => f.Sha256).Order(StringComparer.Ordinal);
        return hashesA.SequenceEqual(hashesB) ? SourceChange.Same : SourceChange.Changed;
    }

    private static long? DatasetRows(RunFacts facts, string feed, bool inRun) =>
        facts.Dataset.Sources.FirstOrDefault(s => s.Source == feed) is { } s ? s.Malicious + s.Benign : inRun ? 0 : null;
}
