using System.Reflection;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Ipsml.Scoring.Onnx;

namespace Ipsml.Onnx;

/// <summary>
/// Exports a saved model folder to <c>model.onnx</c> beside its own files and proves the export: ONNX Runtime must
/// score the given rows within <see cref="DefaultTolerance"/> of the native runtime (the one <c>ipsml score</c> and
/// the scoring library use), or the export fails naming the worst row. "mlnet" models go through ML.NET's
/// OnnxConverter, "mlp" models through ipsml's own graph writer.
/// </summary>
public static class OnnxExporter
{
    public const string FileName = "model.onnx";

    /// <summary>The probability output of every exported graph (ML.NET's name for its "Probability" column).</summary>
    public const string ProbabilityOutput = "Probability.output";

    public const double DefaultTolerance = 1e-4;

    /// <summary>The runtime kinds that export.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string> { MlNetScoringModel.KindName, MlpScoringModel.KindName };

    /// <summary>Writes <c>model.onnx</c> into <paramref name="modelDir"/> and verifies it on <paramref name="rows"/>.</summary>
    /// <returns>The manifest entry; <see cref="OnnxModelInfo.File"/> is relative to the model folder.</returns>
    /// <exception cref="OnnxExportException">The kind does not export, the converter failed, or the scores differ by more than <paramref name="tolerance"/>.</exception>
    public static OnnxModelInfo Export(string modelDir, IReadOnlyList<FeatureRow> rows, double tolerance = DefaultTolerance)
    {
        var description = ModelDescription.Load(modelDir);
        var path = Path.Combine(modelDir, FileName);
        var (bytes, producer) = description.Kind switch
        {
            MlNetScoringModel.KindName => (MlNetOnnxWriter.Write(modelDir, description), MlNetOnnxWriter.Producer),
            MlpScoringModel.KindName => (MlpOnnxWriter.Write(MlpNetwork.Read(modelDir)), MlpOnnxWriter.Producer),
            _ => throw new OnnxExportException($"{Path.Combine(modelDir, ModelDescription.FileName)}: model kind '{description.Kind}' has no ONNX export"),
        };
        File.WriteAllBytes(path, bytes);

        if (rows.Count == 0)
        {
            throw new OnnxExportException($"{path}: no rows to verify the export on");
        }

        float[] native;
        using (var model = ModelLoader.Load(modelDir))
        {
            native = model.Score(rows);
        }

        using var onnx = new OnnxRuntimeScorer(path);
        var missing = description.Columns.Except(onnx.Inputs).ToList();
        if (missing.Count > 0 || onnx.Inputs.Count != description.Columns.Count)
        {
            throw new OnnxExportException($"{path}: graph inputs {string.Join(", ", onnx.Inputs)} are not the model's columns {string.Join(", ", description.Columns)}");
        }

        var exported = onnx.Score(rows);
        var maxDifference = Compare(path, native, exported, tolerance);
        var header = OnnxModelHeader.Read(bytes);
        var described = onnx.Describe();
        return new OnnxModelInfo
        {
            File = FileName,
            Opset = header.DefaultOpset,
            OtherOpsets = header.Opsets.Where(kv => kv.Key is not ("" or "ai.onnx")).ToDictionary(kv => kv.Key, kv => kv.Value),
            IrVersion = header.IrVersion,
            Producer = producer,
            Inputs = [.. described.Take(described.Count - 1).Select(d => new OnnxTensorInfo(d.Name, d.Type, d.Shape))],
            Output = new OnnxTensorInfo(described[^1].Name, described[^1].Type, described[^1].Shape),
            Verification = new OnnxVerification(RuntimeName, rows.Count, maxDifference, tolerance),
        };
    }

    /// <summary>
    /// Rows a test split may lack, added to the verification rows by publish: everything unknown (ids 0, hour −1,
    /// no location) and everything "other" (the id after each vocabulary, extreme coordinates, the last hour).
    /// </summary>
    public static IReadOnlyList<FeatureRow> EdgeRows(FeatureVocabulary vocabulary) =>
    [
        new FeatureRow { Hour = -1 },
        new FeatureRow
        {
            Hour = 23,
            Latitude = 89.9f,
            Longitude = -179.9f,
            TimeZone = vocabulary.TimeZoneOtherId,
            Country = vocabulary.CountryOtherId,
            Asn = vocabulary.AsnOtherId,
            IpPrefix = 16_777_215,
        },
    ];

    /// <summary>The largest |native − exported|; throws naming the first row beyond <paramref name="tolerance"/> (or NaN).</summary>
    internal static double Compare(string path, float[] native, float[] exported, double tolerance)
    {
        if (native.Length != exported.Length)
        {
            throw new OnnxExportException($"{path}: ONNX Runtime gave {exported.Length} scores for {native.Length} rows");
        }

        var max = 0.0;
        for (var i = 0; i < native.Length; i++)
        {
            var difference = Math.Abs((double)native[i] - exported[i]);
            if (!(difference <= tolerance))
            {
                throw new OnnxExportException($"{path}: ONNX Runtime scores row {i + 1} of {native.Length} as {exported[i]:R} but the native runtime as {native[i]:R} (difference {difference:G3}, tolerance {tolerance:G3}); the export is not faithful and was not published");
            }

            max = Math.Max(max, difference);
        }

        return max;
    }

    private static readonly string RuntimeName =
        "onnxruntime " + (typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "?");
}
