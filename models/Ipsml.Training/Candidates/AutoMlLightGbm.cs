using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace Ipsml.Training.Candidates;

/// <summary>LightGBM (gradient-boosted trees) for the AutoML search; calibrated, one thread, deterministic mode on. Needs libgomp1.</summary>
internal sealed class AutoMlLightGbm : AutoMlLearner
{
    public const string TrainerName = "lightGbm";

    public override SearchSpace Space { get; } = new(
        TrainerName,
        SearchParameter.Int("trees", 20, 500, 100),
        SearchParameter.Int("leaves", 4, 128, 31),
        SearchParameter.Real("learningRate", 0.01, 0.5, 0.1, log: true),
        SearchParameter.Int("minLeafRows", 2, 200, 20),
        SearchParameter.Real("featureFraction", 0.5, 1.0, 1.0, log: false),
        SearchParameter.Real("l2", 0.001, 10, 0.01, log: true));

    public override IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed) =>
        TreeFeatures(context, columns).Append(context.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfIterations = configuration.Int("trees"),
            NumberOfLeaves = configuration.Int("leaves"),
            LearningRate = configuration.Double("learningRate"),
            MinimumExampleCountPerLeaf = configuration.Int("minLeafRows"),
            Booster = new GradientBooster.Options
            {
                FeatureFraction = configuration.Double("featureFraction"),
                L2Regularization = configuration.Double("l2"),
            },
            NumberOfThreads = 1,
            Seed = seed,
            Deterministic = true,
            Silent = true,
        }));
}
