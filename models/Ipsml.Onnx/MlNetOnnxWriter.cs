using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Onnx;

/// <summary>
/// Converts a saved ML.NET model (<c>model.zip</c>: featurisation, trainer, calibrator) with ML.NET's OnnxConverter.
/// The zip was saved with <see cref="FeatureRow"/>'s schema, which has Label and Weight; the export is given a
/// schema of only the model's own feature columns, so the ONNX graph asks for exactly those and nothing else, and
/// keeps only the calibrated probability as output.
/// </summary>
internal static class MlNetOnnxWriter
{
    public const string Producer = "ML.NET OnnxConverter";

    public static byte[] Write(string modelDir, ModelDescription description)
    {
        var path = Path.Combine(modelDir, MlNetScoringModel.ZipFile);
        var context = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            model = context.Model.Load(path, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new OnnxExportException($"{path}: not a loadable ML.NET model: {e.Message}", e);
        }

        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema.RemoveAll(c => !description.Columns.Contains(c.ColumnName));
        var input = context.Data.LoadFromEnumerable(Array.Empty<FeatureRow>(), schema);
        using var stream = new MemoryStream();
        try
        {
            context.Model.ConvertToOnnx(model, input, stream, ProbabilityColumn);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The converter fails with bare KeyNotFoundException/NotSupportedException for transforms it cannot export.
            throw new OnnxExportException($"{path}: ML.NET's ONNX converter cannot export this model ({description.Trainer}): {e.GetType().Name}: {e.Message}", e);
        }

        return stream.ToArray();
    }

    private const string ProbabilityColumn = "Probability";
}
