using System.Text.Json.Serialization;

namespace Ipsml.Scoring.Onnx;

/// <summary>
/// The manifest's description of <c>model/model.onnx</c>: the same model for other engines (ONNX Runtime in Spark,
/// Flink, a Kafka consumer, Python), how to feed it, and how closely it was checked against the native runtime.
/// ipsml itself scores with the native runtime; the ONNX file is for everyone else.
/// </summary>
public sealed record OnnxModelInfo
{
    /// <summary>Path inside the artifact, e.g. "model/model.onnx".</summary>
    [JsonPropertyName("file")]
    public required string File { get; init; }

    /// <summary>The default-domain ("ai.onnx") operator set the graph imports.</summary>
    [JsonPropertyName("opset")]
    public required long Opset { get; init; }

    /// <summary>Other operator-set domains the graph imports (e.g. "ai.onnx.ml" for tree ensembles), domain → version.</summary>
    [JsonPropertyName("otherOpsets")]
    public IReadOnlyDictionary<string, long> OtherOpsets { get; init; } = new Dictionary<string, long>();

    [JsonPropertyName("irVersion")]
    public required long IrVersion { get; init; }

    /// <summary>What wrote the graph: "ML.NET OnnxConverter" or "ipsml MLP writer".</summary>
    [JsonPropertyName("producer")]
    public required string Producer { get; init; }

    /// <summary>One float tensor of shape [N, 1] per feature column the model reads, named after the column (<c>FeatureRow</c> field), encoded as <c>vocab.json</c> says.</summary>
    [JsonPropertyName("inputs")]
    public required IReadOnlyList<OnnxTensorInfo> Inputs { get; init; }

    /// <summary>The probability of malicious, float [N, 1]; compare it with the manifest's threshold.</summary>
    [JsonPropertyName("output")]
    public required OnnxTensorInfo Output { get; init; }

    /// <summary>How the file was checked at publish time.</summary>
    [JsonPropertyName("verification")]
    public required OnnxVerification Verification { get; init; }
}

/// <summary>A graph input or output: name, element type, shape (−1 = any batch size).</summary>
public sealed record OnnxTensorInfo(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("shape")] IReadOnlyList<long> Shape);

/// <summary>ONNX Runtime's probabilities against the native runtime's on the same rows (the run's test split).</summary>
public sealed record OnnxVerification(
    [property: JsonPropertyName("runtime")] string Runtime,
    [property: JsonPropertyName("rows")] int Rows,
    [property: JsonPropertyName("maxAbsDifference")] double MaxAbsDifference,
    [property: JsonPropertyName("tolerance")] double Tolerance);
