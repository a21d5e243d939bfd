using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Trainers;

namespace Ipsml.Training.Candidates;

/// <summary>
/// SDCA logistic regression for the AutoML search, over one-hot and normalised features; gives probabilities.
/// One thread: with ML.NET's automatic thread count its lock-free updates make seeded runs differ.
/// </summary>
internal sealed class AutoMlSdcaLogistic : AutoMlLearner
{
    public const string TrainerName = "sdcaLogistic";

    public override SearchSpace Space { get; } = new(
        TrainerName,
        SearchParameter.Real("l2", 1e-6, 1, 1e-4, log: true),
        SearchParameter.Real("l1", 1e-6, 1, 1e-6, log: true),
        SearchParameter.Choice("normalizer", MeanVariance, MinMax, MeanVariance));

    public override IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed) =>
        LinearFeatures(context, columns, Space["normalizer"].Choice(configuration.Double("normalizer")))
            .Append(context.BinaryClassification.Trainers.SdcaLogisticRegression(new SdcaLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(FeatureRow.Label),
                FeatureColumnName = MlNetModelBuilder.FeaturesColumn,
                ExampleWeightColumnName = nameof(FeatureRow.Weight),
                L2Regularization = (float)configuration.Double("l2"),
                L1Regularization = (float)configuration.Double("l1"),
                NumberOfThreads = 1,
            }));
}
