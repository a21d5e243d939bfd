using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Training.Candidates;

/// <summary>
/// One ML.NET binary trainer the AutoML search may pick: its search space and the pipeline it builds for a
/// configuration. Every pipeline, after <see cref="MlNetModelBuilder.Fit(MLContext, IEstimator{ITransformer}, bool, IDataView, IDataView?, CancellationToken)"/>,
/// ends in a calibrated "Probability" column, and every trainer runs on one thread so a seed fixes its result.
/// </summary>
internal abstract class AutoMlLearner
{
    public const string MinMax = "minMax";

    public const string MeanVariance = "meanVariance";

    public abstract SearchSpace Space { get; }

    public string Name => Space.Trainer;

    /// <summary>True when the trainer gives raw scores and needs a Platt calibrator fitted on the validation split.</summary>
    public virtual bool NeedsCalibration => false;

    public abstract IEstimator<ITransformer> Pipeline(MLContext context, IReadOnlyList<string> columns, SearchConfiguration configuration, int seed);

    /// <summary>Tree trainers: the chosen columns as they are, concatenated.</summary>
    protected static IEstimator<ITransformer> TreeFeatures(MLContext context, IReadOnlyList<string> columns) =>
        MlNetModelBuilder.Featurize(context, columns);

    /// <summary>
    /// Linear trainers: categorical columns (vocabulary ids, hour) one-hot encoded, measurements as they are, all
    /// concatenated and normalised by min-max or mean-variance (both export to ONNX; binning and log-mean-variance do not),
    /// cached because the solvers make many passes.
    /// </summary>
    protected static IEstimator<ITransformer> LinearFeatures(MLContext context, IReadOnlyList<string> columns, string normalizer)
    {
        var inputs = new List<string>();
        IEstimator<ITransformer> chain = new EstimatorChain<ITransformer>();
        var categorical = columns.Where(FeatureSchema.CategoricalColumns.Contains).ToList();
        if (categorical.Count > 0)
        {
            chain = chain.Append(context.Transforms.Categorical.OneHotEncoding([.. categorical.Select(c => new InputOutputColumnPair(c + "OneHot", c))]));
        }

        inputs.AddRange(columns.Select(c => categorical.Contains(c) ? c + "OneHot" : c));
        chain = chain.Append(context.Transforms.Concatenate(MlNetModelBuilder.FeaturesColumn, [.. inputs]));
        chain = normalizer switch
        {
            MinMax => chain.Append(context.Transforms.NormalizeMinMax(MlNetModelBuilder.FeaturesColumn)),
            MeanVariance => chain.Append(context.Transforms.NormalizeMeanVariance(MlNetModelBuilder.FeaturesColumn)),
            _ => throw new ArgumentException($"unknown normalizer '{normalizer}'"),
        };
        return chain.AppendCacheCheckpoint(context);
    }
}
