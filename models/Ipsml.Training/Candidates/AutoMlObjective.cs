using Ipsml.Features;
using Ipsml.Training.Search;
using Microsoft.ML;

namespace Ipsml.Training.Candidates;

/// <summary>
/// Trains and scores one configuration for the search. A rung of r rows trains on the first r rows of one seeded
/// shuffle of the training split (so rungs see nested samples and the last rung sees every row); every trial uses a
/// fresh <see cref="MLContext"/> with the experiment seed, so a configuration trained on the same rows always gives
/// the same model, whatever ran before it.
/// </summary>
internal sealed class AutoMlObjective
{
    private readonly AutoMlSettings settings;
    private readonly IReadOnlyList<string> columns;
    private readonly int seed;
    private readonly FeatureRow[] shuffled;
    private readonly IReadOnlyList<FeatureRow> valid;
    private readonly bool[] validLabels;

    public AutoMlObjective(AutoMlSettings settings, IReadOnlyList<string> columns, int seed, TrainingData data)
    {
        this.settings = settings;
        this.columns = columns;
        this.seed = seed;
        shuffled = [.. data.Train];
        new Random(seed).Shuffle(shuffled);
        valid = data.Valid;
        validLabels = [.. data.Valid.Select(r => r.Label)];
    }

    public TrialOutcome<ITransformer> Evaluate(SearchConfiguration configuration, int rows, CancellationToken cancellationToken)
    {
        var (context, model) = Fit(configuration, rows, cancellationToken);
        return new TrialOutcome<ITransformer>(Metric(context, model), MlNetModelBuilder.ZipBytes(context, model), model);
    }

    public (MLContext Context, ITransformer Model) Fit(SearchConfiguration configuration, int rows, CancellationToken cancellationToken)
    {
        var learner = AutoMlLearners.Find(configuration.Trainer) ?? throw new ArgumentException($"unknown trainer '{configuration.Trainer}'");
        var context = new MLContext(seed);
        var train = context.Data.LoadFromEnumerable(new ArraySegment<FeatureRow>(shuffled, 0, Math.Min(rows, shuffled.Length)));
        var model = MlNetModelBuilder.Fit(
            context,
            learner.Pipeline(context, columns, configuration, seed),
            learner.NeedsCalibration,
            train,
            learner.NeedsCalibration ? context.Data.LoadFromEnumerable(valid) : null,
            cancellationToken);
        return (context, model);
    }

    public double Metric(MLContext context, ITransformer model) =>
        SearchMetric.Compute(settings.Metric, validLabels, MlNetModelBuilder.Probabilities(model, context.Data.LoadFromEnumerable(valid)), settings.Prevalence);
}
