using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring.Kinds;
using Ipsml.Training.Search;
using Microsoft.ML;

namespace Ipsml.Training.Candidates;

/// <summary>
/// AutoML: a budgeted search over ML.NET binary trainers (FastForest, FastTree, LightGbm, SDCA and L-BFGS logistic
/// regression) and their hyper-parameters, by seeded random search with successive halving on growing samples of the
/// training split, ranked by PR-AUC (or ROC-AUC) on the validation split. The best configuration, trained on the whole
/// training split, is saved as an "mlnet" model folder; the trial log goes into <see cref="TrainedCandidate.Details"/>.
/// The same seed, data and parameters give the same trials and the same model as long as <c>maxTrials</c> binds before
/// <c>maxSeconds</c>; a binding time budget makes the result depend on the machine's speed. The time budget only stops
/// new trials: the trial in flight finishes, and if the search stopped before its last rung the winner is re-trained on
/// all rows, so wall time can exceed <c>maxSeconds</c> by about two full-data trainings.
/// </summary>
public sealed class AutoMlTrainer : ICandidateTrainer
{
    public const string KindName = "automl";

    private readonly Func<double>? clock;

    public AutoMlTrainer()
    {
    }

    /// <param name="clock">Seconds since a fixed start, for the time budget (tests give a fake one).</param>
    internal AutoMlTrainer(Func<double> clock)
    {
        this.clock = clock;
    }

    public string Kind => KindName;

    public void Validate(CandidateSpec spec)
    {
        AutoMlSettings.Read(spec);
        FeatureSchema.Validate(spec.Columns);
    }

    public TrainedCandidate Train(CandidateSpec spec, TrainingData data, string modelDir, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var settings = AutoMlSettings.Read(spec);
        FeatureSchema.Validate(spec.Columns);
        if (data.Train.Count == 0)
        {
            throw new ArgumentException($"candidate '{spec.Name}': the training split is empty");
        }

        if (!data.Valid.Any(r => r.Label) || data.Valid.All(r => r.Label))
        {
            throw new ArgumentException($"candidate '{spec.Name}': the validation split needs both classes to rank trials ({data.Valid.Count(r => r.Label)} of {data.Valid.Count} rows are positive)");
        }

        var watch = Stopwatch.StartNew();
        var plan = HalvingPlan.Create(data.Train.Count, settings.MaxTrials, settings.Eta, settings.MinRows);
        progress?.Report($"{spec.Name}: AutoML over {string.Join(", ", settings.Learners.Select(l => l.Name))}; {plan.Trials} trials in rungs of {string.Join(" → ", plan.Rungs.Select(r => $"{r.Configurations}×{r.Rows:N0} rows"))}, at most {settings.MaxSeconds:0.#} s");

        var objective = new AutoMlObjective(settings, spec.Columns, spec.Seed, data);
        var tuner = new SuccessiveHalving(plan, new RandomSampler([.. settings.Learners.Select(l => l.Space)], spec.Seed), settings.MaxSeconds, clock);
        var search = tuner.Run(
            (configuration, rung) => objective.Evaluate(configuration, rung.Rows, cancellationToken),
            trial => progress?.Report(Describe(spec.Name, settings.Metric, plan, trial)),
            cancellationToken);

        var best = search.Best;
        var context = new MLContext(spec.Seed);
        var model = search.BestModel!;
        var metric = best.Metric;
        var seconds = best.Seconds;
        var retrained = best.Rows != data.Train.Count;
        if (retrained)
        {
            // The time budget stopped the search before the last rung: train the winner on every training row.
            progress?.Report($"{spec.Name}: re-training the best ({best.Configuration.Trainer}, trial {best.Index}) on all {data.Train.Count:N0} rows");
            var fitWatch = Stopwatch.StartNew();
            (context, model) = objective.Fit(best.Configuration, data.Train.Count, cancellationToken);
            metric = objective.Metric(context, model);
            seconds = fitWatch.Elapsed.TotalSeconds;
        }

        var chosen = AutoMlDetails.Describe(best.Configuration);
        var parameters = new JsonObject
        {
            ["trainer"] = best.Configuration.Trainer,
            ["trainerParameters"] = chosen,
            ["search"] = settings.Used.DeepClone(),
        };
        MlNetModelBuilder.Save(context, model, modelDir, Kind, spec.Columns, parameters);
        var zipBytes = new FileInfo(Path.Combine(modelDir, MlNetScoringModel.ZipFile)).Length;
        watch.Stop();
        progress?.Report($"{spec.Name}: best {best.Configuration.Trainer} {chosen.ToJsonString()}, {settings.Metric} {metric:0.0000} on validation, {search.Trials.Count} trials in {watch.Elapsed.TotalSeconds:0.0} s (stopped by {search.StoppedBy.ToString().ToLowerInvariant()})");
        var details = AutoMlDetails.Build(settings, search, new AutoMlDetails.FinalModel(data.Train.Count, metric, retrained, seconds, zipBytes));
        return MlNetModelBuilder.Result(spec, modelDir, watch, details);
    }

    private static string Describe(string name, string metric, HalvingPlan plan, TrialRecord trial) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: trial {trial.Index + 1}/{plan.Trials} rung {trial.Rung} {trial.Configuration.Trainer} on {trial.Rows:N0} rows: {(trial.Succeeded ? $"{metric} {trial.Metric:0.0000}" : $"failed ({trial.Error})")} in {trial.Seconds:0.00} s");
}
