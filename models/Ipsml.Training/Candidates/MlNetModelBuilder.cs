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

    public static IEstimator<ITransformer> Featurize(MLContext context, IReadOnlyList<string> columns) =>
        context.Transforms.Concatenate(FeaturesColumn, [.. columns]);

    /// <summary>Fits, calibrates if needed, saves; returns the fitted chain for in-process use (AutoML trials).</summary>
    public static ITransformer Fit(MLContext context, IEstimator<ITransformer> trainer, bool needsCalibration, IReadOnlyList<string> columns, TrainingData data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var train = context.Data.LoadFromEnumerable(data.Train);
        ITransformer model = Featurize(context, columns).Append(trainer).Fit(train);
        cancellationToken.ThrowIfCancellationRequested();
        if (needsCalibration)
        {
            // FastForest gives raw scores, not probabilities: fit a Platt calibrator on validation data (never test).
            var valid = context.Data.LoadFromEnumerable(data.Valid);
            var calibrator = context.BinaryClassification.Calibrators
                .Platt(labelColumnName: nameof(FeatureRow.Label), scoreColumnName: "Score")
                .Fit(model.Transform(valid));
            model = ((TransformerChain<ITransformer>)model).Append(calibrator);
        }

        return model;
    }

    public static void Save(MLContext context, ITransformer model, string modelDir, string trainer, IReadOnlyList<string> columns, JsonObject parameters)
    {
        Directory.CreateDirectory(modelDir);
        var schema = context.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()).Schema;
        context.Model.Save(model, schema, Path.Combine(modelDir, MlNetScoringModel.ZipFile));
        new ModelDescription { Kind = MlNetScoringModel.KindName, Trainer = trainer, Columns = columns, Parameters = parameters }.Save(modelDir);
    }

    public static TrainedCandidate Result(CandidateSpec spec, string modelDir, Stopwatch clock, JsonObject details) =>
        new(spec.Name, spec.Kind, modelDir, clock.Elapsed.TotalSeconds, ModelLoader.SizeOnDisk(modelDir), details);
}
