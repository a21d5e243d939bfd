using System.Text.Json.Serialization;

namespace Ipsml.Cli.Hunting;

/// <summary>What <c>ipsml evaluate FILE</c> found: the rows by label (scored and skipped) and the metrics per connection and per remote address.</summary>
internal sealed record LogEvaluationResult(
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("labelColumn")] string? LabelColumn,
    [property: JsonPropertyName("files")] IReadOnlyList<string> Files,
    [property: JsonPropertyName("dataLines")] long DataLines,
    [property: JsonPropertyName("scored")] long Scored,
    [property: JsonPropertyName("skipped")] long Skipped,
    [property: JsonPropertyName("badLines")] long BadLines,
    [property: JsonPropertyName("skippedBy")] IReadOnlyDictionary<string, long> SkippedBy,
    [property: JsonPropertyName("badBy")] IReadOnlyDictionary<string, long> BadBy,
    [property: JsonPropertyName("labels")] IReadOnlyList<LabelCount> Labels,
    [property: JsonPropertyName("connections")] EvaluationMetrics Connections,
    [property: JsonPropertyName("remotes")] EvaluationMetrics Remotes,
    [property: JsonPropertyName("seconds")] double Seconds);
