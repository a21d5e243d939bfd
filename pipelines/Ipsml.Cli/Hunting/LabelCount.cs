using System.Text.Json.Serialization;

namespace Ipsml.Cli.Hunting;

/// <summary>Rows of one label value: in the log (with a readable line), scored, and skipped for having no public remote end.</summary>
internal sealed record LabelCount(
    [property: JsonPropertyName("label")] string? Label,
    [property: JsonPropertyName("class")] string Class,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("scored")] long Scored,
    [property: JsonPropertyName("skipped")] long Skipped);
