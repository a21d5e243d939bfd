using Ipsml.Training.Evaluation;

namespace Ipsml.Models.Tests.Evaluation;

/// <summary>Values worked out by hand for six rows: sorted by score, P N P P N N.</summary>
public sealed class BinaryMetricsTests
{
    private static readonly bool[] Labels = [true, false, true, true, false, false];
    private static readonly float[] Scores = [0.9f, 0.8f, 0.7f, 0.6f, 0.55f, 0.4f];

    [Fact]
    public void Roc_auc_counts_positive_negative_pairs_ranked_right()
    {
        // P0.9 beats 3 negatives, P0.7 and P0.6 beat 2 each: 7 of 9 pairs.
        Assert.Equal(7.0 / 9, BinaryMetrics.RocAuc(Labels, Scores), 12);
    }

    [Fact]
    public void Average_precision_sums_precision_at_each_recall_step()
    {
        // Recall steps of 1/3 at precisions 1, 2/3, 3/4.
        Assert.Equal((1.0 / 3) + (2.0 / 9) + (1.0 / 4), BinaryMetrics.AveragePrecision(Labels, Scores), 12);
    }

    [Fact]
    public void Tied_scores_are_one_step()
    {
        Assert.Equal(0.5, BinaryMetrics.RocAuc([true, false], [0.5f, 0.5f]), 12);
        Assert.Equal(0.5, BinaryMetrics.AveragePrecision([true, false], [0.5f, 0.5f]), 12);
    }

    [Fact]
    public void Precision_at_recall_is_the_best_precision_reaching_that_recall()
    {
        Assert.Equal(0.75, BinaryMetrics.PrecisionAtRecall(Labels, Scores, 0.8), 12);
        Assert.Equal(1.0, BinaryMetrics.PrecisionAtRecall(Labels, Scores, 0.3), 12);
    }

    [Fact]
    public void Max_f1_threshold_is_the_score_with_the_best_f1()
    {
        // F1 at 0.6: precision 3/4, recall 1 → 6/7, the best.
        Assert.Equal(0.6f, BinaryMetrics.MaxF1Threshold(Labels, Scores));
    }

    [Fact]
    public void Counts_at_a_threshold_include_the_threshold_itself()
    {
        var p = BinaryMetrics.At(Labels, Scores, 0.6f);
        Assert.Equal((3.0, 1.0), (p.TruePositives, p.FalsePositives));
        Assert.Equal(1.0 / 3, p.FalsePositiveRate, 12);
    }

    [Fact]
    public void Negatives_reweighted_to_a_prevalence_lower_precision()
    {
        // 3 positives, 3 negatives, target prevalence 25%: each negative counts (3/3)·(0.75/0.25) = 3.
        var w = BinaryMetrics.NegativeWeightFor(0.25, 3, 3);
        Assert.Equal(3.0, w, 12);
        Assert.Equal(0.5, BinaryMetrics.At(Labels, Scores, 0.6f, w).Precision, 12);
    }

    [Fact]
    public void Average_precision_at_a_prevalence_reweights_the_negatives()
    {
        // Each negative counts 3 at 25% prevalence: precision 1, then 2/5, then 3/6 at the recall steps.
        Assert.Equal((1 + 0.4 + 0.5) / 3, BinaryMetrics.AveragePrecisionAtPrevalence(Labels, Scores, 0.25), 12);
    }

    [Fact]
    public void Calling_everything_malicious_gets_precision_equal_to_prevalence()
    {
        var w = BinaryMetrics.NegativeWeightFor(0.01, 3, 3);
        var all = BinaryMetrics.At(Labels, Scores, double.NegativeInfinity, w);
        Assert.Equal(0.01, all.Precision, 12);
        Assert.Equal(1.0, all.Recall, 12);
    }

    [Fact]
    public void Calibration_bins_and_expected_error()
    {
        var c = BinaryMetrics.Calibrate(Labels, Scores, bins: 2);
        Assert.Equal(2, c.Bins.Count);
        Assert.Equal(0.71, c.Bins[1].MeanPredicted, 6);
        Assert.Equal(0.6, c.Bins[1].Observed, 12);
        Assert.Equal(((5 * 0.11) + 0.4) / 6, c.ExpectedCalibrationError, 6);
        Assert.Equal(1.3625 / 6, c.Brier, 6);
    }

    [Fact]
    public void One_class_only_gives_no_auc()
    {
        Assert.True(double.IsNaN(BinaryMetrics.RocAuc([true, true], [0.1f, 0.9f])));
    }
}
