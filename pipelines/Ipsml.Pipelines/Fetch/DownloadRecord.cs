using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// One line of the content cache's provenance log: which bytes a URL served, when, and with which HTTP validators.
/// A 304 answer is logged too (same hash as the copy it confirmed), so the log says when each copy was last current.
/// </summary>
public sealed record DownloadRecord
{
    /// <summary>The URL as written in the registry (before redirects), or a derived key such as <c>resolved-top-1000:URL</c>.</summary>
    [JsonPropertyName("url")]
    public required string Url { get; init; }

    [JsonPropertyName("feed")]
    public required string Feed { get; init; }

    /// <summary>When the server (or resolver) vouched for these bytes, UTC.</summary>
    [JsonPropertyName("fetchedAt")]
    public required DateTimeOffset FetchedAt { get; init; }

    /// <summary>200 for a download, 304 for a revalidation; null for derived blobs.</summary>
    [JsonPropertyName("httpStatus")]
    public int? HttpStatus { get; init; }

    /// <summary>Lower-case hex SHA-256 of the blob (<c>blobs/SHA256</c>).</summary>
    [JsonPropertyName("sha256")]
    public required string Sha256 { get; init; }

    [JsonPropertyName("bytes")]
    public required long Bytes { get; init; }

    /// <summary>The ETag header exactly as served (quotes and W/ included).</summary>
    [JsonPropertyName("etag")]
    public string? ETag { get; init; }

    [JsonPropertyName("lastModified")]
    public DateTimeOffset? LastModified { get; init; }

    [JsonPropertyName("contentType")]
    public string? ContentType { get; init; }

    /// <summary>For derived blobs (a resolved top list): SHA-256 of the input blob.</summary>
    [JsonPropertyName("derivedFrom")]
    public string? DerivedFrom { get; init; }
}
