using System.Text.Json;
using System.Text.Json.Serialization;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Runs;

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

    /// <summary>The winner's metrics on the rows compared (<see cref="Comparison"/>): this run's test split, less the rows the champion trained or validated on.</summary>
    [JsonPropertyName("candidateMetrics")]
    public required CandidateMetrics CandidateMetrics { get; init; }

    /// <summary>The champion's name and version; null when nothing is published yet.</summary>
    [JsonPropertyName("championVersion")]
    public string? ChampionVersion { get; init; }

    /// <summary>The champion re-scored on the same rows with its own vocabulary and threshold; null when there is none, or the shared rows lack a label.</summary>
    [JsonPropertyName("championMetrics")]
    public CandidateMetrics? ChampionMetrics { get; init; }

    /// <summary>Which rows the winner and the champion were compared on, and which were left out and why; null with no champion.</summary>
    [JsonPropertyName("comparison")]
    public GateComparison? Comparison { get; init; }

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

    /// <summary>The evaluate stage key the winner's metrics came from; publish refuses a decision made for other metrics.</summary>
    [JsonPropertyName("evaluate")]
    public string? EvaluateKey { get; init; }

    /// <summary>When the gate ran.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; init; }

    /// <summary>The failed checks' details joined with "; " (empty when the gate passed).</summary>
    [JsonIgnore]
    public string Reasons => string.Join("; ", Checks.Where(c => !c.Passed).Select(c => c.Detail));

    /// <summary><c>runs/RUN/gate.json</c>.</summary>
    public static string PathFor(RunLayout layout, string runId) => Path.Combine(layout.RunDir(runId), FileName);

    /// <summary>Reads a decision; throws <see cref="InvalidDataException"/> naming the file and line when it is not one.</summary>
    public static GateDecision Load(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<GateDecision>(File.ReadAllText(path))
                ?? throw new InvalidDataException($"{path}: empty gate decision");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a gate decision: {JsonProblem.Describe(e)}", e);
        }
    }

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, RunStore.JsonOptions));
}

public sealed record GateCheck(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("passed")] bool Passed,
    [property: JsonPropertyName("detail")] string Detail);
