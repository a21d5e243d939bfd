using System.Text.Json.Serialization;
using Ipsml.Pipelines.Evaluate;

namespace Ipsml.Pipelines.Gate;

/// <summary>
/// <c>runs/RUN/gate.json</c>: the run's winner against the current champion (the latest published version), both
/// measured on this run's test split, and whether the winner may be promoted. The report shows it; publish obeys it.
/// </summary>
public sealed record GateDecision
{
    public const string FileName = "gate.json";

    [JsonPropertyName("candidate")]
    public required string Candidate { get; init; }

    /// <summary>The metric the experiment ranks by (e.g. "prAuc").</summary>
    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    /// <summary>The winner's metrics on this run's test split.</summary>
    [JsonPropertyName("candidateMetrics")]
    public required CandidateMetrics CandidateMetrics { get; init; }

    /// <summary>The champion's name and version; null when nothing is published yet.</summary>
    [JsonPropertyName("championVersion")]
    public string? ChampionVersion { get; init; }

    /// <summary>The champion re-scored on this run's test split with its own vocabulary and threshold; null when there is none.</summary>
    [JsonPropertyName("championMetrics")]
    public CandidateMetrics? ChampionMetrics { get; init; }

    /// <summary>Largest allowed drop of the metric against the champion.</summary>
    [JsonPropertyName("tolerance")]
    public required double Tolerance { get; init; }

    [JsonPropertyName("maxSizeBytes")]
    public required long MaxSizeBytes { get; init; }

    [JsonPropertyName("maxLatencyMicroseconds")]
    public required double MaxLatencyMicroseconds { get; init; }

    /// <summary>True when the winner may be published.</summary>
    [JsonPropertyName("passed")]
    public required bool Passed { get; init; }

    /// <summary>Every check, passed or failed, in words (e.g. "prAuc 0.981 ≥ champion 0.984 − 0.005").</summary>
    [JsonPropertyName("checks")]
    public required IReadOnlyList<GateCheck> Checks { get; init; }
}

public sealed record GateCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);
