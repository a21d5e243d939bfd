using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Trainers.FastTree;

namespace Ipsml.Training.Candidates;

/// <summary>FastTree (gradient-boosted trees, MART) for the AutoML search; its binary trainer is calibrated.</summary>
internal sealed class AutoMlFastTree : AutoMlLearner
{
    public const string TrainerName = "fastTree";

    public override SearchSpace Space { get; } = new(
        TrainerName,
        SearchParameter.Int("trees", 20, 500, 100),
        SearchParameter.Int("leaves", 4, 128, 20),
        SearchParameter.Real("learningRate", 0.01, 0.5, 0.2, log: true),
        SearchParameter.Int("minLeafRows", 2, 200, 10),
        SearchParameter.Real("featureFraction", 0.5, 1.0, 1.0, log: false));

    public override IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed) =>
        TreeFeatures(context, columns).Append(context.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfTrees = configuration.Int("trees"),
            NumberOfLeaves = configuration.Int("leaves"),
            LearningRate = configuration.Double("learningRate"),
            MinimumExampleCountPerLeaf = configuration.Int("minLeafRows"),
            FeatureFraction = configuration.Double("featureFraction"),
            NumberOfThreads = 1,
            Seed = seed,
            FeatureSelectionSeed = seed,
        }));
}
