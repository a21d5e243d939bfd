using System.Collections.Concurrent;
using Ipsml.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Scoring.Kinds;

/// <summary>An ML.NET binary classifier saved as <c>model.zip</c> (any trainer: FastForest, FastTree, LightGbm, linear), with a calibrated "Probability" column.</summary>
public sealed class MlNetScoringModel : IScoringModel
{
    public const string KindName = "mlnet";

    public const string ZipFile = "model.zip";

    /// <summary>Below this many rows, a pooled PredictionEngine beats building an IDataView.</summary>
    private const int EngineRows = 64;

    private readonly MLContext context;
    private readonly ITransformer model;
    private readonly ConcurrentBag<PredictionEngine<FeatureRow, Prediction>> engines = [];

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

        if (rows.Count < EngineRows)
        {
            // One PredictionEngine per caller at a time (it is not thread-safe), returned to the pool after.
            if (!engines.TryTake(out var engine))
            {
                engine = context.Model.CreatePredictionEngine<FeatureRow, Prediction>(model);
            }

            var prediction = new Prediction();
            for (var r = 0; r < rows.Count; r++)
            {
                engine.Predict(rows[r], ref prediction);
                result[r] = float.IsNaN(prediction.Probability) ? 0f : prediction.Probability;
            }

            engines.Add(engine);
            return result;
        }

        var data = context.Data.LoadFromEnumerable(rows);
        var scored = model.Transform(data);
        var column = scored.Schema["Probability"];
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        var i = 0;
        float p = 0;
        while (cursor.MoveNext())
        {
            getter(ref p);
            result[i++] = float.IsNaN(p) ? 0f : p;
        }

        return result;
    }

    /// <summary>The calibrated output column every ipsml ML.NET model has.</summary>
    private sealed class Prediction
    {
        public float Probability { get; set; }
    }

    public void Dispose()
    {
        while (engines.TryTake(out var engine))
        {
            engine.Dispose();
        }

        (model as IDisposable)?.Dispose();
    }
}
