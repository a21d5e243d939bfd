using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Observations;

/// <summary><c>summary.json</c> of the observations stage: what every feed gave and lost, by reason.</summary>
public sealed record ObservationsSummary
{
    [JsonPropertyName("feeds")]
    public required IReadOnlyList<FeedSummary> Feeds { get; init; }

    /// <summary>Rows of observations.csv.</summary>
    [JsonPropertyName("observations")]
    public required long Observations { get; init; }

    [JsonPropertyName("uniqueAddresses")]
    public required long UniqueAddresses { get; init; }

    [JsonPropertyName("maliciousAddresses")]
    public required long MaliciousAddresses { get; init; }

    [JsonPropertyName("benignAddresses")]
    public required long BenignAddresses { get; init; }

    /// <summary>Addresses listed both malicious and benign, and what was done with them.</summary>
    [JsonPropertyName("conflicts")]
    public required long Conflicts { get; init; }

    [JsonPropertyName("conflictRule")]
    public required string ConflictRule { get; init; }

    [JsonPropertyName("conflictExamples")]
    public IReadOnlyList<string> ConflictExamples { get; init; } = [];

    [JsonPropertyName("dropped")]
    public required IReadOnlyDictionary<string, long> Dropped { get; init; }
}

public sealed record FeedSummary
{
    [JsonPropertyName("feed")]
    public required string Feed { get; init; }

    [JsonPropertyName("label")]
    public required string Label { get; init; }

    [JsonPropertyName("format")]
    public required string Format { get; init; }

    [JsonPropertyName("time")]
    public required string Time { get; init; }

    [JsonPropertyName("files")]
    public required int Files { get; init; }

    /// <summary>Data lines read (records + dropped lines); comment and header lines are not counted here.</summary>
    [JsonPropertyName("lines")]
    public long Lines { get; set; }

    [JsonPropertyName("skippedLines")]
    public long SkippedLines { get; set; }

    /// <summary>Rows that named a network rather than an address.</summary>
    [JsonPropertyName("networks")]
    public long Networks { get; set; }

    /// <summary>Addresses kept before merging (sampled network addresses included).</summary>
    [JsonPropertyName("kept")]
    public long Kept { get; set; }

    /// <summary>Rows this feed contributes to observations.csv after merging and conflict handling.</summary>
    [JsonPropertyName("observations")]
    public long Observations { get; set; }

    [JsonPropertyName("uniqueAddresses")]
    public long UniqueAddresses { get; set; }

    /// <summary>Of this feed's addresses, how many another feed lists too.</summary>
    [JsonPropertyName("sharedAddresses")]
    public long SharedAddresses { get; set; }

    /// <summary>The feeds sharing the most addresses with this one: feed → shared addresses (at most three).</summary>
    [JsonPropertyName("overlaps")]
    public SortedDictionary<string, long> Overlaps { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Dropped data lines by reason (each in drops.csv with file and line): <see cref="Lines"/> = <see cref="Kept"/> + these for feeds of single addresses.</summary>
    [JsonPropertyName("dropped")]
    public SortedDictionary<string, long> Dropped { get; init; } = new(StringComparer.Ordinal);

    /// <summary>This feed's observations removed by the conflict rule after merging (the address is listed with the other label too; see conflicts.csv); not counted in <see cref="Dropped"/>.</summary>
    [JsonPropertyName("conflicts")]
    public long Conflicts { get; set; }

    /// <summary>The first few dropped lines, as "file:line reason detail", so a report shows what was lost.</summary>
    [JsonPropertyName("dropExamples")]
    public List<string> DropExamples { get; init; } = [];

    [JsonPropertyName("rowsWithTime")]
    public long RowsWithTime { get; set; }

    [JsonPropertyName("newestRow")]
    public DateTimeOffset? NewestRow { get; set; }

    [JsonPropertyName("headerDate")]
    public DateTimeOffset? HeaderDate { get; set; }

    [JsonPropertyName("warning")]
    public string? Warning { get; set; }

    public long DroppedTotal => Dropped.Values.Sum();
}
