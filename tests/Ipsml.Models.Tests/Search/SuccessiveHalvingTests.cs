using Ipsml.Training.Search;

namespace Ipsml.Models.Tests.Search;

/// <summary>The tuner against a fake objective whose metric is read off the configuration, so rankings are known by hand.</summary>
public sealed class SuccessiveHalvingTests
{
    private static readonly SearchSpace Space = new("fake", SearchParameter.Real("x", 0, 1, 0.5, log: false));

    // 9000 rows, eta 3, minRows 1000: 3 rungs of 9, 3 and 1 configurations on 1000, 3000 and 9000 rows = 13 trials.
    private static readonly HalvingPlan Plan = HalvingPlan.Create(trainRows: 9000, maxTrials: 13, eta: 3, minRows: 1000);

    private static SearchResult<string> Run(Func<SearchConfiguration, HalvingRung, double> metric, double maxSeconds = 1e9, Func<double>? clock = null, int seed = 4) =>
        new SuccessiveHalving(Plan, new RandomSampler([Space], seed), maxSeconds, clock)
            .Run((c, rung) => new TrialOutcome<string>(metric(c, rung), 100 + rung.Index, $"model {c}"), null, CancellationToken.None);

    [Fact]
    public void Trial_budget_is_spent_exactly_and_each_rung_runs_its_planned_configurations_on_its_rows()
    {
        var result = Run((c, _) => c.Double("x"));
        Assert.Equal(13, result.Trials.Count);
        Assert.Equal([9, 3, 1], result.Trials.GroupBy(t => t.Rung).Select(g => g.Count()));
        Assert.Equal([1000, 3000, 9000], result.Trials.GroupBy(t => t.Rung).Select(g => g.Select(t => t.Rows).Distinct().Single()));
        Assert.Equal(Enumerable.Range(0, 13), result.Trials.Select(t => t.Index));
        Assert.Equal(SearchStop.Trials, result.StoppedBy);
    }

    [Fact]
    public void Each_rung_promotes_the_ceil_n_over_eta_best_of_the_rung_before()
    {
        // Rung 0 ranks by x; rung 1 ranks by 1 - x, so the last rung gets the smallest x among rung 0's top three.
        var result = Run((c, rung) => rung.Index == 1 ? 1 - c.Double("x") : c.Double("x"));
        var rung0 = result.Trials.Where(t => t.Rung == 0).ToList();
        var top3 = rung0.OrderByDescending(t => t.Metric).Take(3).Select(t => t.Configuration).ToList();
        var rung1 = result.Trials.Where(t => t.Rung == 1).Select(t => t.Configuration).ToList();
        var rung2 = result.Trials.Single(t => t.Rung == 2);

        Assert.Equal(top3, rung1);
        Assert.Equal(top3.MinBy(c => c.Double("x")), rung2.Configuration);
        Assert.Same(rung2, result.Best);
        Assert.Equal($"model {rung2.Configuration}", result.BestModel);
    }

    [Fact]
    public void Tied_metrics_promote_the_earlier_trials()
    {
        var result = Run((_, _) => 0.5);
        var rung0 = result.Trials.Where(t => t.Rung == 0).Select(t => t.Configuration).ToList();
        Assert.Equal(rung0.Take(3), result.Trials.Where(t => t.Rung == 1).Select(t => t.Configuration));
        Assert.Equal(rung0[0], result.Best.Configuration);
    }

    [Fact]
    public void Spent_time_budget_stops_launching_trials_and_the_best_comes_from_the_highest_rung_reached()
    {
        // The fake clock advances 10 s per trial; with 35 s the 5th trial (clock at 40) is never launched.
        var now = 0.0;
        var result = Run(
            (c, _) =>
            {
                now += 10;
                return c.Double("x");
            },
            maxSeconds: 35,
            clock: () => now);
        Assert.Equal(4, result.Trials.Count);
        Assert.Equal(SearchStop.Time, result.StoppedBy);
        Assert.Equal(result.Trials.MaxBy(t => t.Metric), result.Best);
        Assert.All(result.Trials, t => Assert.Equal(10, t.Seconds));
    }

    [Fact]
    public void First_trial_runs_even_when_the_time_budget_is_already_spent()
    {
        var result = Run((c, _) => c.Double("x"), maxSeconds: 0);
        Assert.Single(result.Trials);
        Assert.Equal(SearchStop.Time, result.StoppedBy);
    }

    [Fact]
    public void Failed_trials_are_logged_with_their_error_and_never_promoted()
    {
        var result = Run((c, _) => c.Double("x") < 0.5 ? throw new InvalidOperationException("too small") : c.Double("x"));
        var failed = result.Trials.Where(t => !t.Succeeded).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, t => Assert.Equal("InvalidOperationException: too small", t.Error));
        Assert.All(failed, t => Assert.True(double.IsNaN(t.Metric)));
        Assert.All(result.Trials.Where(t => t.Rung > 0), t => Assert.True(t.Configuration.Double("x") >= 0.5));
    }

    [Fact]
    public void Search_where_every_trial_fails_throws_with_the_first_error()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Run((_, _) => throw new FormatException("bad data")));
        Assert.Contains("every one of 9 trial(s) failed", e.Message);
        Assert.Contains("FormatException: bad data", e.Message);
    }

    [Fact]
    public void Cancellation_stops_the_search()
    {
        using var cancel = new CancellationTokenSource();
        var calls = 0;
        var tuner = new SuccessiveHalving(Plan, new RandomSampler([Space], 1), 1e9);
        Assert.ThrowsAny<OperationCanceledException>(() => tuner.Run(
            (c, _) =>
            {
                if (++calls == 2)
                {
                    cancel.Cancel();
                }

                return new TrialOutcome<string>(c.Double("x"), 0, null);
            },
            null,
            cancel.Token));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void Same_seed_gives_the_same_trial_log()
    {
        static string Log(int seed) => string.Join("\n", Run((c, rung) => Math.Sin(c.Double("x") * 7 * (rung.Index + 1)), seed: seed).Trials.Select(t => $"{t.Rung} {t.Rows} {t.Configuration} {t.Metric:R}"));
        Assert.Equal(Log(4), Log(4));
        Assert.NotEqual(Log(4), Log(5));
    }
}
