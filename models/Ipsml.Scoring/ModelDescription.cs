using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ipsml.Scoring;

/// <summary>
/// <c>model.json</c>, the first file of every saved model folder: which runtime loads it and which feature
/// columns it reads. Training writes it; <see cref="ModelLoader"/> dispatches on it.
/// </summary>
public sealed record ModelDescription
{
    public const string FileName = "model.json";

    /// <summary>Runtime kind: "mlnet" (an ML.NET model zip) or "mlp" (ipsml's MLP weights).</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    /// <summary>The candidate kind that trained it, e.g. "random-forest", "automl", "mlp".</summary>
    [JsonPropertyName("trainer")]
    public required string Trainer { get; init; }

    /// <summary>Feature columns the model reads, in order.</summary>
    [JsonPropertyName("columns")]
    public required IReadOnlyList<string> Columns { get; init; }

    /// <summary>Trainer parameters as trained (for the report and the model card).</summary>
    [JsonPropertyName("parameters")]
    public JsonObject Parameters { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public void Save(string dir) => File.WriteAllText(Path.Combine(dir, FileName), JsonSerializer.Serialize(this, Options));

    public static ModelDescription Load(string dir)
    {
        var path = Path.Combine(dir, FileName);
        if (!File.Exists(path))
        {
            throw new ArtifactException($"{path}: missing; not a saved ipsml model folder");
        }

        try
        {
            return JsonSerializer.Deserialize<ModelDescription>(File.ReadAllText(path), Options)
                ?? throw new ArtifactException($"{path}: empty model description");
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"{path}: line {(e.LineNumber ?? 0) + 1}: {e.Message}", e);
        }
    }
}
