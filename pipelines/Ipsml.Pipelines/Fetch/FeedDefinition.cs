using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Fetch;

/// <summary>One entry of <c>data/feeds.json</c>: where a feed lives, how to read it, what its rows mean.</summary>
public sealed record FeedDefinition
{
    /// <summary>Unique, kebab-case; the "source" of every observation it yields.</summary>
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("description")]
    public string? Description { get; init; }

    /// <summary>"malicious", "benign", or "labelled" (rows carry their own labels, e.g. Stratosphere Zeek logs).</summary>
    [JsonPropertyName("label")]
    public required string Label { get; init; }

    /// <summary>Reader format name (see Ipsml.Features.Inputs.FeedReaders).</summary>
    [JsonPropertyName("format")]
    public required string Format { get; init; }

    /// <summary>Live download addresses (HTTP/HTTPS). Empty for feeds that only exist as snapshots.</summary>
    [JsonPropertyName("urls")]
    public IReadOnlyList<string> Urls { get; init; } = [];

    /// <summary>Paths or globs (file-name part only) relative to the snapshot folder.</summary>
    [JsonPropertyName("snapshot")]
    public IReadOnlyList<string> Snapshot { get; init; } = [];

    [JsonPropertyName("licence")]
    public required string Licence { get; init; }

    /// <summary>Where the upstream terms of use are stated, if not in the licence.</summary>
    [JsonPropertyName("terms")]
    public string? Terms { get; init; }

    /// <summary>How the feed dates its rows: "row" (a time per row), "header" (one date for the list), "none".</summary>
    [JsonPropertyName("time")]
    public required string Time { get; init; }

    /// <summary>Reader options, e.g. {"timezone": "UTC"} for zone-less times.</summary>
    [JsonPropertyName("options")]
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Disabled feeds stay documented but are neither fetched nor read.</summary>
    [JsonPropertyName("enabled")]
    public bool Enabled { get; init; } = true;
}
