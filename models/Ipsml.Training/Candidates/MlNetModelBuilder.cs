using System.Diagnostics;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Training.Candidates;

/// <summary>
/// The shared ML.NET path of every tree/linear candidate: concatenate the chosen columns, append the trainer,
/// fit on the training split, calibrate on the validation split when the trainer gives raw scores, save as an
/// "mlnet" model folder. A candidate differs only in the trainer it appends.
/// </summary>
internal static class MlNetModelBuilder
{
    public const string FeaturesColumn = "Features";

    public const string ScoreColumn = "Score";

    public const string ProbabilityColumn = "Probability";

    public static IEstimator<ITransformer> Featurize(MLContext context, IReadOnlyList<string> columns) =>
        context.Transforms.Concatenate(FeaturesColumn, [.. columns]);

    /// <summary>Fits the chosen columns and <paramref name="trainer"/> on the training split, calibrating on the validation split if needed.</summary>
    public static ITransformer Fit(MLContext context, IEstimator<ITransformer> trainer, bool needsCalibration, IReadOnlyList<string> columns, TrainingData data, CancellationToken cancellationToken) =>
        Fit(
            context,
            Featurize(context, columns).Append(trainer),
            needsCalibration,
            context.Data.LoadFromEnumerable(data.Train),
            needsCalibration ? context.Data.LoadFromEnumerable(data.Valid) : null,
            cancellationToken);

    /// <summary>
    /// Fits a whole pipeline (featurization and trainer) on <paramref name="train"/>; when the trainer gives raw scores,
    /// appends a Platt calibrator fitted on <paramref name="valid"/> so the chain always ends in a "Probability" column.
    /// Returns the fitted chain for in-process use (AutoML trials) and for <see cref="Save"/>.
    /// </summary>
    public static ITransformer Fit(MLContext context, IEstimator<ITransformer> pipeline, bool needsCalibration, IDataView train, IDataView? valid, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var model = pipeline.Fit(train);
        cancellationToken.ThrowIfCancellationRequested();
        if (needsCalibration)
        {
            // FastForest gives raw scores, not probabilities: fit a Platt calibrator on validation data (never test).
            var calibrator = context.BinaryClassification.Calibrators
                .Platt(labelColumnName: nameof(FeatureRow.Label), scoreColumnName: ScoreColumn)
                .Fit(model.Transform(valid ?? throw new ArgumentNullException(nameof(valid), "calibration needs the validation split")));
            // One flat chain whatever the pipeline's static type, so exporters see featurizer, trainer, calibrator in a row.
            return model switch
            {
                TransformerChain<ITransformer> chain => chain.Append(calibrator),
                IEnumerable<ITransformer> parts => new TransformerChain<ITransformer>([.. parts, calibrator]),
                _ => new TransformerChain<ITransformer>(model, calibrator),
            };
        }

        return model;
    }

    /// <summary>The fitted chain's "Probability" column over <paramref name="data"/>, in row order (NaN as 0, like the scorer).</summary>
    public static float[] Probabilities(ITransformer model, IDataView data)
    {
        var scored = model.Transform(data);
        var column = scored.Schema[ProbabilityColumn];
        var result = new List<float>();
        using var cursor = scored.GetRowCursor([column]);
        var getter = cursor.GetGetter<float>(column);
        float p = 0;
        while (cursor.MoveNext())
        {
            getter(ref p);
            result.Add(float.IsNaN(p) ? 0f : p);
        }

        return [.. result];
    }

    /// <summary>Bytes of the model zip <see cref="Save"/> would write, measured in memory.</summary>
    public static long ZipBytes(MLContext context, ITransformer model)
    {
        using var stream = new MemoryStream();
        context.Model.Save(model, InputSchema(context), stream);
        return stream.Length;
    }

    public static void Save(MLContext context, ITransformer model, string modelDir, string trainer, IReadOnlyList<string> columns, JsonObject parameters)
    {
        Directory.CreateDirectory(modelDir);
        context.Model.Save(model, InputSchema(context), Path.Combine(modelDir, MlNetScoringModel.ZipFile));
        new ModelDescription { Kind = MlNetScoringModel.KindName, Trainer = trainer, Columns = columns, Parameters = parameters }.Save(modelDir);
    }

    public static TrainedCandidate Result(CandidateSpec spec, string modelDir, Stopwatch clock, JsonObject details) =>
        new(spec.Name, spec.Kind, modelDir, clock.Elapsed.TotalSeconds, ModelLoader.SizeOnDisk(modelDir), details);

    private static DataViewSchema InputSchema(MLContext context) => context.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
}
