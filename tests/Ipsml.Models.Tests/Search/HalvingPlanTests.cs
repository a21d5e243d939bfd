using FsCheck;
using FsCheck.Xunit;
using Ipsml.Training.Search;

namespace Ipsml.Models.Tests.Search;

public sealed class HalvingPlanTests
{
    private static (int Configurations, int Rows)[] Shape(HalvingPlan plan) => [.. plan.Rungs.Select(r => (r.Configurations, r.Rows))];

    [Fact]
    public void Default_budget_of_24_trials_with_eta_3_runs_16_then_6_then_2_on_a_ninth_a_third_and_all_rows()
    {
        // 90000 rows allow 5 rungs (90000/81 ≥ 1000), but 4 rungs need 27 + 9 + 3 + 1 = 40 > 24 trials for a real cut;
        // 3 rungs: 16 + ceil(16/3)=6 + ceil(6/3)=2 = 24, while 17 would need 17 + 6 + 2 = 25.
        var plan = HalvingPlan.Create(trainRows: 90_000, maxTrials: 24, eta: 3, minRows: 1000);
        Assert.Equal([(16, 10_000), (6, 30_000), (2, 90_000)], Shape(plan));
        Assert.Equal(24, plan.Trials);
    }

    [Fact]
    public void Eta_2_halves_the_configurations_and_doubles_the_rows_at_each_rung()
    {
        // 8000 rows: 8000/8 = 1000 ≥ minRows gives 4 rungs; 8 + 4 + 2 + 1 = 15 trials.
        var plan = HalvingPlan.Create(trainRows: 8000, maxTrials: 15, eta: 2, minRows: 1000);
        Assert.Equal([(8, 1000), (4, 2000), (2, 4000), (1, 8000)], Shape(plan));
    }

    [Fact]
    public void Too_few_rows_for_a_smaller_rung_gives_one_rung_of_all_trials_on_all_rows()
    {
        // 3000 / 3 = 1000 < minRows 2000: no room for a subsample rung.
        var plan = HalvingPlan.Create(trainRows: 3000, maxTrials: 24, eta: 3, minRows: 2000);
        Assert.Equal([(24, 3000)], Shape(plan));
    }

    [Fact]
    public void A_small_trial_budget_drops_rungs_rather_than_exceed_the_budget_or_skip_the_cut()
    {
        // 3 rungs would need rung 0 ≥ 9 configurations (9 + 3 + 1 = 13 > 5); 2 rungs: 3 + 1 = 4 ≤ 5, while 4 + 2 = 6 > 5.
        var plan = HalvingPlan.Create(trainRows: 90_000, maxTrials: 5, eta: 3, minRows: 1000);
        Assert.Equal([(3, 30_000), (1, 90_000)], Shape(plan));
        Assert.Equal(4, plan.Trials);
    }

    [Theory]
    [InlineData(0, 10, 3, 1)]
    [InlineData(100, 0, 3, 1)]
    [InlineData(100, 10, 1, 1)]
    [InlineData(100, 10, 3, 0)]
    public void Impossible_settings_are_refused(int rows, int trials, int eta, int minRows)
    {
        Assert.Throws<ArgumentException>(() => HalvingPlan.Create(rows, trials, eta, minRows));
    }

    [Property(MaxTest = 300)]
    public void Any_plan_fits_the_budget_keeps_ceil_n_over_eta_and_ends_on_all_rows(PositiveInt rows, PositiveInt trials, PositiveInt eta, PositiveInt minRows)
    {
        var n = rows.Get % 1_000_000 + 1;
        var t = trials.Get % 200 + 1;
        var e = eta.Get % 5 + 2;
        var m = minRows.Get % 5000 + 1;
        var plan = HalvingPlan.Create(n, t, e, m);

        Assert.InRange(plan.Trials, 1, t);
        Assert.Equal(n, plan.Rungs[^1].Rows);
        Assert.True(plan.Rungs[0].Rows >= Math.Min(m, n));
        for (var r = 1; r < plan.Rungs.Count; r++)
        {
            Assert.Equal((plan.Rungs[r - 1].Configurations + e - 1) / e, plan.Rungs[r].Configurations);
            Assert.True(plan.Rungs[r].Rows > plan.Rungs[r - 1].Rows);
        }

        // Rung 0 is as large as the budget allows: one more configuration would overspend.
        var more = 0;
        for (int r = 0, c = plan.Rungs[0].Configurations + 1; r < plan.Rungs.Count; r++, c = (c + e - 1) / e)
        {
            more += c;
        }

        Assert.True(more > t);
    }
}
