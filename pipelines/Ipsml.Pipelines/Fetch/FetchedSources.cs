using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Fetch;

/// <summary>The fetch stage's output (<c>sources.json</c>): for every enabled feed, the files to read and where they came from.</summary>
public sealed record FetchedSources
{
    /// <summary>"snapshot" or "live".</summary>
    [JsonPropertyName("mode")]
    public required string Mode { get; init; }

    [JsonPropertyName("snapshotDir")]
    public string? SnapshotDir { get; init; }

    [JsonPropertyName("feeds")]
    public required IReadOnlyList<FetchedFeed> Feeds { get; init; }
}

public sealed record FetchedFeed
{
    [JsonPropertyName("feed")]
    public required string Feed { get; init; }

    [JsonPropertyName("files")]
    public required IReadOnlyList<FetchedFile> Files { get; init; }

    /// <summary>Set when the feed could not be fetched fresh (stale cache used, or nothing at all).</summary>
    [JsonPropertyName("warning")]
    public string? Warning { get; init; }
}

/// <summary>One file to read, content-addressed.</summary>
public sealed record FetchedFile
{
    /// <summary>The URL or snapshot-relative path it came from.</summary>
    [JsonPropertyName("origin")]
    public required string Origin { get; init; }

    /// <summary>Absolute path of the bytes to read (the cache blob, or the snapshot file itself).</summary>
    [JsonPropertyName("path")]
    public required string Path { get; init; }

    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    /// <summary>"snapshot", "fresh", "not-modified", or "stale-cache".</summary>
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    /// <summary>When the server last vouched for these bytes (download or 304 revalidation); null for snapshot files.</summary>
    [JsonPropertyName("fetchedAt")]
    public DateTimeOffset? FetchedAt { get; init; }

    /// <summary>The reader format of this file when it differs from the feed's (a top list resolved to addresses is "rank-domain-ip").</summary>
    [JsonPropertyName("format")]
    public string? Format { get; init; }
}
