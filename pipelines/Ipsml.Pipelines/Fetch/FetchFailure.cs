namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// A URL (or a whole feed, when <see cref="Url"/> is null) that could not be fetched fresh.
/// <see cref="CachedCopyAge"/> is set when a stale cached copy was used instead; null means the feed lost that file.
/// </summary>
public sealed record FetchFailure(string Feed, string? Url, string Error, TimeSpan? CachedCopyAge)
{
    public bool UsedStaleCopy => CachedCopyAge is not null;
}
