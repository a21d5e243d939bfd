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

/// <summary>Rows of one label value: in the log (with a readable line), scored, and skipped for having no public remote end.</summary>
internal sealed record LabelCount(
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("scored")] long Scored,
    [property: JsonPropertyName("skipped")] long Skipped);
