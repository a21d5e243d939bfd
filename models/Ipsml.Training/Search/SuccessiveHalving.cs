using System.Diagnostics;

namespace Ipsml.Training.Search;

/// <summary>
/// The tuner: runs a <see cref="HalvingPlan"/>. Rung 0 trains the sampler's first configurations on a small share of
/// the rows; each later rung re-trains the best ceil(n / eta) of the rung before (ranked by metric, ties to the earlier
/// trial) on eta times more rows, the last on all of them. A trial that throws is logged as failed and never promoted.
/// The time budget is checked before each trial after the first: once it is spent no trial is launched, so a binding
/// time budget makes the result depend on the machine, while a binding trial budget does not.
/// </summary>
internal sealed class SuccessiveHalving
{
    private readonly HalvingPlan plan;
    private readonly RandomSampler sampler;
    private readonly double maxSeconds;
    private readonly Func<double> clock;

    /// <param name="clock">Seconds since some fixed start; a stopwatch unless a test gives its own.</param>
    public SuccessiveHalving(HalvingPlan plan, RandomSampler sampler, double maxSeconds, Func<double>? clock = null)
    {
        this.plan = plan;
        this.sampler = sampler;
        this.maxSeconds = maxSeconds;
        if (clock is null)
        {
            var watch = Stopwatch.StartNew();
            clock = () => watch.Elapsed.TotalSeconds;
        }

        this.clock = clock;
    }

    public SearchResult<TModel> Run<TModel>(Func<SearchConfiguration, HalvingRung, TrialOutcome<TModel>> objective, Action<TrialRecord>? onTrial, CancellationToken cancellationToken)
        where TModel : class
    {
        var started = clock();
        var trials = new List<TrialRecord>();
        TrialRecord? best = null;
        TModel? bestModel = null;
        var stop = SearchStop.Trials;
        IReadOnlyList<SearchConfiguration> configurations = sampler.Next(plan.Rungs[0].Configurations);
        foreach (var rung in plan.Rungs)
        {
            if (rung.Index > 0)
            {
                configurations = Promote(trials.Where(t => t.Rung == rung.Index - 1), rung.Configurations);
                if (configurations.Count == 0)
                {
                    stop = SearchStop.Failures;
                    break;
                }
            }

            foreach (var configuration in configurations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (trials.Count > 0 && clock() - started >= maxSeconds)
                {
                    stop = SearchStop.Time;
                    return Finish(trials, best, bestModel, stop, started);
                }

                var begin = clock();
                TrialOutcome<TModel> outcome;
                string? error = null;
                try
                {
                    outcome = objective(configuration, rung);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    outcome = new TrialOutcome<TModel>(double.NaN, 0, null);
                    error = $"{e.GetType().Name}: {e.Message}";
                }

                var record = new TrialRecord(trials.Count, rung.Index, rung.Rows, configuration, outcome.Metric, clock() - begin, outcome.SizeBytes, error);
                trials.Add(record);
                onTrial?.Invoke(record);
                if (record.Succeeded && (best is null || record.Rung > best.Rung || record.Metric > best.Metric))
                {
                    best = record;
                    bestModel = outcome.Model;
                }
            }
        }

        return Finish(trials, best, bestModel, stop, started);
    }

    /// <summary>The best <paramref name="keep"/> successful trials, by metric descending, ties to the earlier trial.</summary>
    public static IReadOnlyList<SearchConfiguration> Promote(IEnumerable<TrialRecord> rung, int keep) =>
        [.. rung.Where(t => t.Succeeded).OrderByDescending(t => t.Metric).ThenBy(t => t.Index).Take(keep).Select(t => t.Configuration)];

    private SearchResult<TModel> Finish<TModel>(List<TrialRecord> trials, TrialRecord? best, TModel? bestModel, SearchStop stop, double started)
        where TModel : class =>
        best is null
            ? throw new InvalidOperationException($"every one of {trials.Count} trial(s) failed; first: {trials.FirstOrDefault()?.Error ?? "none ran"}")
            : new SearchResult<TModel>(plan, trials, best, bestModel, stop, clock() - started);
}
