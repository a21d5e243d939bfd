using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Gate;
using Ipsml.Training.Evaluation;

namespace Ipsml.Pipelines.Tests.Gate;

/// <summary>The gate's three checks on hand-made metrics: the tolerance boundary, NaN, the budgets, the chosen metric.</summary>
public sealed class GateChecksTests
{
    private static readonly GateOptions Defaults = new();

    private static CandidateMetrics M(double prAuc, double rocAuc = 0.9, long size = 1000, double latency = 50)
    {
        var p = new PrevalenceMetrics { Prevalence = 0.01, Precision = 0, Recall = 0, PrAuc = 0, AlertsPer10k = 0, FalseAlertsPer10k = 0 };
        return new CandidateMetrics
        {
            Candidate = "c",
            Kind = "random-forest",
            Quality = new QualityMetrics
            {
                Rows = 10, Malicious = 5, Benign = 5, Threshold = 0.5, Precision = 0, Recall = 0, F1 = 0, FalsePositiveRate = 0,
                PrAuc = prAuc, PrAucBaseline = 0.5, RocAuc = rocAuc, PrecisionAtRecall80 = 0, PrecisionAtRecall90 = 0,
                AtPrevalence = p, Calibration = BinaryMetrics.Calibrate([true, false], [0.9f, 0.1f]), AllMalicious = p,
            },
            Cost = new CostMetrics { SizeBytes = size, TrainingSeconds = 1, ScoringRowsPerSecond = 1000, LatencyMicroseconds = latency },
        };
    }

    private static GateCheck Metric(double candidate, double champion, string metric = "prAuc") =>
        GateStage.Checks(metric, M(candidate), M(champion), "1.0.1", Defaults)[0];

    [Theory]
    [InlineData(0.990, true)]    // better
    [InlineData(0.984, true)]    // equal
    [InlineData(0.980, true)]    // 0.004 worse: within 0.005
    [InlineData(0.978, false)]   // 0.006 worse
    [InlineData(0.5, false)]
    public void Metric_may_drop_by_at_most_the_tolerance(double candidate, bool passes)
    {
        var check = Metric(candidate, 0.984);
        Assert.Equal(passes, check.Passed);
        Assert.Equal("metric", check.Name);
        Assert.Contains("champion 1.0.1 0.9840 − 0.0050", check.Detail);
    }

    [Fact]
    public void A_candidate_without_a_metric_fails_and_a_champion_without_one_does_not_block()
    {
        Assert.False(Metric(double.NaN, 0.9).Passed);
        Assert.True(Metric(0.1, double.NaN).Passed);
    }

    [Fact]
    public void The_experiments_metric_is_the_one_compared()
    {
        // PR-AUC far worse, ROC-AUC better: judged by ROC-AUC it passes.
        var checks = GateStage.Checks("rocAuc", M(0.1, rocAuc: 0.95), M(0.9, rocAuc: 0.9), "1.0.1", Defaults);
        Assert.True(checks[0].Passed);
        Assert.StartsWith("rocAuc 0.9500 ≥ champion 1.0.1 0.9000", checks[0].Detail);
    }

    [Fact]
    public void Size_and_latency_must_stay_within_their_budgets_inclusive()
    {
        var o = new GateOptions { MaxSizeBytes = 2048, MaxLatencyMicroseconds = 100 };
        var within = GateStage.Checks("prAuc", M(0.9, size: 2048, latency: 100), null, null, o);
        var over = GateStage.Checks("prAuc", M(0.9, size: 2049, latency: 100.5), null, null, o);

        Assert.All(within, c => Assert.True(c.Passed, c.Detail));
        Assert.Equal("model size 2 KiB ≤ budget 2 KiB", within[1].Detail);
        Assert.False(over[1].Passed);
        Assert.False(over[2].Passed);
        Assert.Equal("median single-row latency 100.5 µs > budget 100.0 µs", over[2].Detail);
        Assert.False(GateStage.Checks("prAuc", M(0.9, latency: double.NaN), null, null, o)[2].Passed);
    }

    [Fact]
    public void No_champion_passes_the_metric_check_whatever_the_value()
    {
        var check = GateStage.Checks("prAuc", M(0.01), null, null, Defaults)[0];
        Assert.True(check.Passed);
        Assert.Equal("no champion yet: prAuc 0.0100 is the first model's", check.Detail);
    }

    [Theory]
    [InlineData(-0.1, 1, 1)]
    [InlineData(0.005, 0, 1)]
    [InlineData(0.005, 1, 0)]
    [InlineData(double.NaN, 1, 1)]
    public void Bad_gate_options_are_refused_by_name(double tolerance, long size, double latency)
    {
        var e = Assert.Throws<ArgumentException>(() => new GateOptions { Tolerance = tolerance, MaxSizeBytes = size, MaxLatencyMicroseconds = latency }.Validate());
        Assert.StartsWith("publish.gate.", e.Message);
    }
}
