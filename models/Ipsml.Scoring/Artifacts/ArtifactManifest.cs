using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Ipsml.Features.Geo;
using Ipsml.Scoring.Onnx;

namespace Ipsml.Scoring.Artifacts;

/// <summary><c>manifest.json</c> of a published model: what it is, what made it, how well it did, how to use it.</summary>
public sealed record ArtifactManifest
{
    [JsonPropertyName("format")]
    public int Format { get; init; } = ArtifactFiles.FormatVersion;

    [JsonPropertyName("name")]
    public required string Name { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }

    [JsonPropertyName("created")]
    public required DateTimeOffset Created { get; init; }

    [JsonPropertyName("gitCommit")]
    public string? GitCommit { get; init; }

    [JsonPropertyName("experiment")]
    public required string Experiment { get; init; }

    [JsonPropertyName("runId")]
    public string? RunId { get; init; }

    /// <summary>The candidate's name in the experiment, e.g. "random-forest".</summary>
    [JsonPropertyName("candidate")]
    public required string Candidate { get; init; }

    /// <summary>Runtime kind of the model folder ("mlnet", "mlp").</summary>
    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("features")]
    public required FeatureSchemaRef Features { get; init; }

    [JsonPropertyName("geo")]
    public required IReadOnlyList<GeoDatabaseInfo> Geo { get; init; }

    [JsonPropertyName("data")]
    public required IReadOnlyList<DataSnapshotRef> Data { get; init; }

    /// <summary>Decision threshold on the probability, chosen on the validation split.</summary>
    [JsonPropertyName("threshold")]
    public required double Threshold { get; init; }

    /// <summary>The candidate's test-split metrics as in the run's metrics.json.</summary>
    [JsonPropertyName("metrics")]
    public JsonObject Metrics { get; init; } = [];

    /// <summary>Stage keys of the run that produced it (fetch, observations, dataset, train, evaluate).</summary>
    [JsonPropertyName("stages")]
    public IReadOnlyDictionary<string, string> Stages { get; init; } = new Dictionary<string, string>();

    /// <summary><c>model/model.onnx</c> for other engines, with its inputs, opset and how it was verified; null when the model kind has no ONNX export.</summary>
    [JsonPropertyName("onnx")]
    public OnnxModelInfo? Onnx { get; init; }

    /// <summary>How the training data was split (scheme, group kind, fractions, seed); null for artifacts published before it was recorded.</summary>
    [JsonPropertyName("split")]
    public ArtifactSplit? Split { get; init; }

    /// <summary>The champion gate's verdict when this version was published (and the warning when it was forced); null for artifacts published before the gate existed.</summary>
    [JsonPropertyName("promotion")]
    public ArtifactPromotion? Promotion { get; init; }

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}

/// <summary>The feature contract a model was trained with.</summary>
public sealed record FeatureSchemaRef(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns);

/// <summary>One input file of the data the model was trained on.</summary>
public sealed record DataSnapshotRef(
    [property: JsonPropertyName("feed")] string Feed,
    [property: JsonPropertyName("origin")] string Origin,
    [property: JsonPropertyName("sha256")] string Sha256);
