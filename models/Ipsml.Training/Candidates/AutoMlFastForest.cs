using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Ipsml.Training.Candidates;

/// <summary>FastForest (random forest) for the AutoML search; raw scores, so Platt-calibrated on the validation split like <see cref="RandomForestTrainer"/>.</summary>
internal sealed class AutoMlFastForest : AutoMlLearner
{
    public const string TrainerName = "fastForest";

    public override SearchSpace Space { get; } = new(
        TrainerName,
        SearchParameter.Int("trees", 20, 300, 100),
        SearchParameter.Int("leaves", 4, 128, 20),
        SearchParameter.Int("minLeafRows", 2, 200, 10),
        SearchParameter.Real("featureFraction", 0.5, 1.0, 0.7, log: false),
        SearchParameter.Real("rowFraction", 0.5, 1.0, 0.7, log: false));

    public override bool NeedsCalibration => true;

    public override IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed) =>
        TreeFeatures(context, columns).Append(context.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfTrees = configuration.Int("trees"),
            NumberOfLeaves = configuration.Int("leaves"),
            MinimumExampleCountPerLeaf = configuration.Int("minLeafRows"),
            FeatureFraction = configuration.Double("featureFraction"),
            BaggingExampleFraction = configuration.Double("rowFraction"),
            NumberOfThreads = 1,
            Seed = seed,
            FeatureSelectionSeed = seed,
        }));
}
