using System.Collections.Concurrent;
using Ipsml.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Scoring.Kinds;

/// <summary>
/// An ML.NET binary classifier saved as <c>model.zip</c> (any trainer: FastForest, FastTree, LightGbm, linear), with a
/// calibrated "Probability" column. Scores through pooled prediction engines (one per concurrent caller; an engine is
/// not thread-safe): <c>Transform</c> over an enumerable would set up parallel cursors, a splitter thread and
/// reflection-emitted getters on every call, which cost more CPU than the trees themselves for the batch sizes
/// scoring uses. Same transformer chain, same answers.
/// </summary>
public sealed class MlNetScoringModel : IScoringModel
{
    public const string KindName = "mlnet";

    public const string ZipFile = "model.zip";

    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, ProbabilityRow>> engines = [];

    private MlNetScoringModel(MLContext context, ITransformer model)
    {
        this.context = context;
        this.model = model;
    }

    public string Kind => KindName;

    public static MlNetScoringModel Load(string dir, ModelDescription description)
    {
        var path = Path.Combine(dir, ZipFile);
        if (!File.Exists(path))
        {
            throw new ArtifactException($"{path}: missing ML.NET model file");
        }

        var context = new MLContext(seed: 0);
        ITransformer model;
        try
        {
            model = context.Model.Load(path, out _);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidDataException or IOException)
        {
            throw new ArtifactException($"{path}: not a loadable ML.NET model: {e.Message}", e);
        }

        return new MlNetScoringModel(context, model);
    }

    public float[] Score(IReadOnlyList<FeatureRow> rows)
    {
        var result = new float[rows.Count];
        if (rows.Count == 0)
        {
            return result;
        }

        if (!engines.TryTake(out var engine))
        {
            engine = context.Model.CreatePredictionEngine<FeatureRow, ProbabilityRow>(model);
        }

        try
        {
            var output = new ProbabilityRow();
            for (var i = 0; i < result.Length; i++)
            {
                engine.Predict(rows[i], ref output);
                result[i] = float.IsNaN(output.Probability) ? 0f : output.Probability;
            }
        }
        finally
        {
            engines.Add(engine);
        }

        return result;
    }

    public void Dispose()
    {
        while (engines.TryTake(out var engine))
        {
            engine.Dispose();
        }

        (model as IDisposable)?.Dispose();
    }

    /// <summary>The one output column scoring reads.</summary>
    private sealed class ProbabilityRow
    {
        [ColumnName("Probability")]
        public float Probability { get; set; }
    }
}
