using Ipsml.Features;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Ipsml.Onnx;

/// <summary>
/// Scores encoded rows with an exported <c>model.onnx</c> in ONNX Runtime, fed the way any other engine feeds it:
/// one float tensor [N, 1] per input, named after the feature column, and the probability read from
/// <see cref="OnnxExporter.ProbabilityOutput"/>. Used to verify exports; ipsml scores with the native runtime.
/// </summary>
public sealed class OnnxRuntimeScorer : IDisposable
{
    private readonly InferenceSession session;

    public OnnxRuntimeScorer(string onnxPath)
    {
        try
        {
            // Warnings (e.g. lenient shape merges in converted one-hot encoders) are not errors; keep stderr quiet.
            using var options = new SessionOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR };
            session = new InferenceSession(onnxPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OnnxExportException($"{onnxPath}: ONNX Runtime cannot load it: {e.Message}", e);
        }

        Inputs = [.. session.InputMetadata.Select(kv => kv.Key)];
        if (Inputs.FirstOrDefault(name => !FeatureSchema.AllColumns.Contains(name)) is { } stranger)
        {
            session.Dispose();
            throw new OnnxExportException($"{onnxPath}: graph input '{stranger}' is not a feature column ({string.Join(", ", FeatureSchema.AllColumns)})");
        }

        if (!session.OutputMetadata.ContainsKey(OnnxExporter.ProbabilityOutput))
        {
            session.Dispose();
            throw new OnnxExportException($"{onnxPath}: no '{OnnxExporter.ProbabilityOutput}' output (has {string.Join(", ", session.OutputMetadata.Keys)})");
        }
    }

    /// <summary>Input names in the graph's order: feature columns.</summary>
    public IReadOnlyList<string> Inputs { get; }

    /// <summary>Name, element type and shape of every graph input, then of the probability output.</summary>
    public IReadOnlyList<(string Name, string Type, long[] Shape)> Describe() =>
        [.. session.InputMetadata.Concat(session.OutputMetadata.Where(kv => kv.Key == OnnxExporter.ProbabilityOutput))
            .Select(kv => (kv.Key, TypeName(kv.Value.ElementType), kv.Value.Dimensions.Select(d => (long)d).ToArray()))];

    public float[] Score(IReadOnlyList<FeatureRow> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var inputs = new List<NamedOnnxValue>(Inputs.Count);
        foreach (var name in Inputs)
        {
            var tensor = new DenseTensor<float>([rows.Count, 1]);
            for (var r = 0; r < rows.Count; r++)
            {
                tensor[r, 0] = FeatureSchema.Get(rows[r], name);
            }

            inputs.Add(NamedOnnxValue.CreateFromTensor(name, tensor));
        }

        using var results = session.Run(inputs, [OnnxExporter.ProbabilityOutput]);
        return [.. results.Single().AsTensor<float>()];
    }

    public void Dispose() => session.Dispose();

    private static string TypeName(Type t) => t == typeof(float) ? "float32" : t == typeof(long) ? "int64" : t == typeof(bool) ? "bool" : t.Name;
}
