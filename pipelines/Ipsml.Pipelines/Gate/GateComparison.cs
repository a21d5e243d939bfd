using System.Text.Json.Serialization;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Gate;

/// <summary>
/// On which rows the gate compared the winner with the champion (<c>gate.json</c> "comparison"). Both are measured
/// on this run's group-split test rows whose network group would also have been in the champion's test split (the
/// champion's manifest records its split); rows the champion trained or validated on are excluded and counted. A
/// champion without a split record is compared on all rows, with a warning.
/// </summary>
public sealed record GateComparison
{
    /// <summary>This run's group-split test rows.</summary>
    [JsonPropertyName("testRows")]
    public required long TestRows { get; init; }

    /// <summary>Rows both models were measured on.</summary>
    [JsonPropertyName("rows")]
    public required long Rows { get; init; }

    [JsonPropertyName("malicious")]
    public required long Malicious { get; init; }

    [JsonPropertyName("benign")]
    public required long Benign { get; init; }

    /// <summary>Test rows left out because their group is in the champion's train split.</summary>
    [JsonPropertyName("excludedChampionTrain")]
    public required long ExcludedChampionTrain { get; init; }

    /// <summary>Test rows left out because their group is in the champion's valid split.</summary>
    [JsonPropertyName("excludedChampionValid")]
    public required long ExcludedChampionValid { get; init; }

    /// <summary>The champion's split as its manifest records it; null for older artifacts without one.</summary>
    [JsonPropertyName("championSplit")]
    public ArtifactSplit? ChampionSplit { get; init; }

    /// <summary>True when the winner was scored again on the shared rows (some were excluded) instead of taken from metrics.json.</summary>
    [JsonPropertyName("winnerRescored")]
    public required bool WinnerRescored { get; init; }

    /// <summary>Why the rows compared are not a fair comparison, or too few to compare; null when they are fine.</summary>
    [JsonPropertyName("warning")]
    public string? Warning { get; init; }

    /// <summary>True when the shared rows hold both labels, so the metric can be compared at all.</summary>
    [JsonIgnore]
    public bool Comparable => Malicious > 0 && Benign > 0;

    [JsonIgnore]
    public long Excluded => ExcludedChampionTrain + ExcludedChampionValid;

    /// <summary>One line: "2,994 of 3,900 test rows (… malicious, … benign); 906 excluded: 700 in the champion's train split, 206 in its valid split".</summary>
    [JsonIgnore]
    public string Summary => Excluded == 0
        ? $"all {TestRows:N0} test rows ({Malicious:N0} malicious, {Benign:N0} benign)"
        : $"{Rows:N0} of {TestRows:N0} test rows ({Malicious:N0} malicious, {Benign:N0} benign); {Excluded:N0} excluded: {ExcludedChampionTrain:N0} in the champion's train split, {ExcludedChampionValid:N0} in its valid split";
}
