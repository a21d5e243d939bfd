using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Ipsml.Training.Candidates;

/// <summary>L-BFGS logistic regression for the AutoML search, over one-hot and normalised features; gives probabilities.</summary>
internal sealed class AutoMlLbfgsLogistic : AutoMlLearner
{
    public const string TrainerName = "lbfgsLogistic";

    public override SearchSpace Space { get; } = new(
        TrainerName,
        SearchParameter.Real("l2", 1e-4, 10, 1, log: true),
        SearchParameter.Real("l1", 1e-4, 10, 1, log: true),
        SearchParameter.Choice("normalizer", MeanVariance, MinMax, MeanVariance));

    public override IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed) =>
        LinearFeatures(context, columns, Space["normalizer"].Choice(configuration.Double("normalizer")))
            .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(FeatureRow.Label),
                FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
                ExampleWeightColumnName = nameof(FeatureRow.Weight),
                L2Regularization = (float)configuration.Double("l2"),
                L1Regularization = (float)configuration.Double("l1"),
                NumberOfThreads = 1,
            }));
}
