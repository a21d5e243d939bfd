using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Train;

/// <summary>One entry of <c>candidates.json</c>.</summary>
public sealed record CandidateSummary
{
    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The split scheme it was trained on: "group" or "temporal".</summary>
    [JsonPropertyName("scheme")]
    public required string Scheme { get; init; }

    [JsonPropertyName("columns")]
    public required IReadOnlyList<string> Columns { get; init; }

    [JsonPropertyName("parameters")]
    public required JsonObject Parameters { get; init; }

    [JsonPropertyName("trainingSeconds")]
    public required double TrainingSeconds { get; init; }

    [JsonPropertyName("sizeBytes")]
    public required long SizeBytes { get; init; }

    [JsonPropertyName("trainRows")]
    public required long TrainRows { get; init; }

    [JsonPropertyName("details")]
    public JsonObject Details { get; init; } = [];
}
