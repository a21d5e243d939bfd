using System.Text.Json.Serialization;
using Ipsml.Features.Geo;

namespace Ipsml.Pipelines.Dataset;

/// <summary><c>summary.json</c> of the dataset stage.</summary>
public sealed record DatasetSummary
{
    [JsonPropertyName("splits")]
    public required IReadOnlyList<SplitCounts> Splits { get; init; }

    /// <summary>Rows per source and label over all splits (an address with several sources counts for each).</summary>
    [JsonPropertyName("sources")]
    public required IReadOnlyList<SourceCounts> Sources { get; init; }

    /// <summary>Rows by hour source ("row", "drawn", "unknown") and label.</summary>
    [JsonPropertyName("hourSources")]
    public required IReadOnlyList<HourSourceCounts> HourSources { get; init; }

    [JsonPropertyName("addressesSampledOut")]
    public long AddressesSampledOut { get; init; }

    /// <summary>Rows whose address the city database did not locate.</summary>
    [JsonPropertyName("unlocated")]
    public long Unlocated { get; init; }

    /// <summary>Rows whose address has no ASN.</summary>
    [JsonPropertyName("withoutAsn")]
    public long WithoutAsn { get; init; }

    /// <summary>Network groups found in more than one split: zero by construction, checked.</summary>
    [JsonPropertyName("groupsInSeveralSplits")]
    public long GroupsInSeveralSplits { get; init; }

    [JsonPropertyName("geo")]
    public required IReadOnlyList<GeoDatabaseInfo> Geo { get; init; }

    /// <summary>The temporal holdout's splits; null when it is off.</summary>
    [JsonPropertyName("temporal")]
    public TemporalSummary? Temporal { get; init; }
}

public sealed record TemporalSummary
{
    [JsonPropertyName("validFrom")]
    public required DateTimeOffset ValidFrom { get; init; }

    [JsonPropertyName("testFrom")]
    public required DateTimeOffset TestFrom { get; init; }

    [JsonPropertyName("splits")]
    public required IReadOnlyList<SplitCounts> Splits { get; init; }

    /// <summary>Malicious rows with neither a row time nor a list date: not in the temporal splits.</summary>
    [JsonPropertyName("undatedMalicious")]
    public required long UndatedMalicious { get; init; }

    /// <summary>Rows removed from a later split because their network group is in an earlier one.</summary>
    [JsonPropertyName("purged")]
    public required long Purged { get; init; }

    /// <summary>Malicious sources per temporal split, most rows first, for reading what "newer" means here.</summary>
    [JsonPropertyName("sources")]
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Sources { get; init; }
}

public sealed record SplitCounts(
    [property: JsonPropertyName("split")] string Split,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("malicious")] long Malicious,
    [property: JsonPropertyName("benign")] long Benign,
    [property: JsonPropertyName("addresses")] long Addresses,
    [property: JsonPropertyName("groups")] long Groups);

public sealed record SourceCounts(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("malicious")] long Malicious,
    [property: JsonPropertyName("benign")] long Benign);

public sealed record HourSourceCounts(
    [property: JsonPropertyName("hourSource")] string HourSource,
    [property: JsonPropertyName("malicious")] long Malicious,
    [property: JsonPropertyName("benign")] long Benign);
