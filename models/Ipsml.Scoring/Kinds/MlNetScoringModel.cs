using Ipsml.Features;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Scoring.Kinds;

/// <summary>An ML.NET binary classifier saved as <c>model.zip</c> (any trainer: FastForest, FastTree, LightGbm, linear), with a calibrated "Probability" column.</summary>
public sealed class MlNetScoringModel : IScoringModel
{
    public const string KindName = "mlnet";

    public const string ZipFile = "model.zip";

    private readonly MLContext context;
    private readonly ITransformer model;

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

    public void Dispose()
    {
        (model as IDisposable)?.Dispose();
    }
}
