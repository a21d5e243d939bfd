using System.Diagnostics;
using Ipsml.Features;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Ipsml.Training.Candidates;

/// <summary>RandomForest: ML.NET FastForest, Platt-calibrated on the validation split.</summary>
public sealed class RandomForestTrainer : ICandidateTrainer
{
    public const string KindName = "random-forest";

    public string Kind => KindName;

    public void Validate(CandidateSpec spec)
    {
        Read(spec);
        FeatureSchema.Validate(spec.Columns);
    }

    public TrainedCandidate Train(CandidateSpec spec, TrainingData data, string modelDir, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var (options, p) = Read(spec);
        progress?.Report($"{spec.Name}: FastForest, {options.NumberOfTrees} trees × {options.NumberOfLeaves} leaves on {data.Train.Count:N0} rows");
        var clock = Stopwatch.StartNew();
        var context = new MLContext(seed: spec.Seed);
        var model = MlNetModelBuilder.Fit(context, context.BinaryClassification.Trainers.FastForest(options), needsCalibration: true, spec.Columns, data, cancellationToken);
        MlNetModelBuilder.Save(context, model, modelDir, Kind, spec.Columns, p.Used);
        clock.Stop();
        return MlNetModelBuilder.Result(spec, modelDir, clock, []);
    }

    /// <summary>The FastForest options from the candidate's parameters; unknown keys and values out of range are refused.</summary>
    private static (FastForestBinaryTrainer.Options Options, Parameters Used) Read(CandidateSpec spec)
    {
        var p = new Parameters(spec.Name, spec.Parameters);
        var options = new FastForestBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfTrees = p.Int("trees", 100, 1, 5000),
            NumberOfLeaves = p.Int("leaves", 20, 2, 10000),
            MinimumExampleCountPerLeaf = p.Int("minLeafRows", 10, 1, 100000),
            FeatureFraction = p.Double("featureFraction", 0.7, 0.01, 1.0),
            BaggingExampleFraction = p.Double("rowFraction", 0.7, 0.01, 1.0),
            NumberOfThreads = p.Int("threads", 1, 1, 64),
            Seed = spec.Seed,
            FeatureSelectionSeed = spec.Seed,
        };
        p.EnsureAllRead();
        return (options, p);
    }
}
