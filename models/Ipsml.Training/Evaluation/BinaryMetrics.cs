using System.Text.Json.Serialization;

namespace Ipsml.Training.Evaluation;

/// <summary>
/// Binary classification metrics over (label, score) pairs, positive = malicious, a row predicted positive when
/// its score ≥ threshold. Tied scores are treated as one step (no arbitrary order inside a tie). Negatives can be
/// re-weighted to a target prevalence, which is how the report shows precision for real traffic.
/// </summary>
public static class BinaryMetrics
{
    /// <summary>Area under the ROC curve (probability a random positive outscores a random negative, ties count half).</summary>
    public static double RocAuc(IReadOnlyList<bool> labels, IReadOnlyList<float> scores)
    {
        var order = Order(scores);
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        // Rank-sum (Mann-Whitney U) with average ranks for ties.
        double rankSum = 0;
        var i = 0;
        while (i < order.Length)
        {
            var j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            var averageRank = (i + j + 2) / 2.0; // ranks are 1-based, ascending
            for (var k = i; k <= j; k++)
            {
                if (labels[order[k]])
                {
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }

    /// <summary>The precision-recall curve from the highest threshold down, one point per distinct score.</summary>
    public static IReadOnlyList<CurvePoint> Curve(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double negativeWeight = 1)
    {
        var order = Order(scores);
        Array.Reverse(order);
        double positives = labels.Count(l => l), negatives = labels.Count - positives;
        var points = new List<CurvePoint>();
        double tp = 0, fp = 0;
        var i = 0;
        while (i < order.Length)
        {
            var threshold = scores[order[i]];
            while (i < order.Length && scores[order[i]] == threshold)
            {
                if (labels[order[i]])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }

                i++;
            }

            points.Add(new CurvePoint(threshold, tp, fp, positives, negatives, negativeWeight));
        }

        return points;
    }

    /// <summary>PR-AUC as average precision: Σ (Rₙ − Rₙ₋₁) · Pₙ over the curve's steps.</summary>
    public static double AveragePrecision(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double negativeWeight = 1)
    {
        var points = Curve(labels, scores, negativeWeight);
        double ap = 0, previousRecall = 0;
        foreach (var p in points)
        {
            ap += (p.Recall - previousRecall) * p.Precision;
            previousRecall = p.Recall;
        }

        return points.Count == 0 || points[^1].Positives == 0 ? double.NaN : ap;
    }

    /// <summary>
    /// PR-AUC as if malicious rows were <paramref name="prevalence"/> of all rows (negatives re-weighted). On feed data,
    /// where malicious rows are the large majority, plain PR-AUC saturates near 1 for any model; this one does not.
    /// </summary>
    public static double AveragePrecisionAtPrevalence(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double prevalence)
    {
        var positives = labels.Count(l => l);
        return AveragePrecision(labels, scores, NegativeWeightFor(prevalence, positives, labels.Count - positives));
    }

    /// <summary>Counts at a threshold.</summary>
    public static CurvePoint At(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double threshold, double negativeWeight = 1)
    {
        double tp = 0, fp = 0, positives = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            positives += labels[i] ? 1 : 0;
            if (scores[i] >= threshold)
            {
                if (labels[i])
                {
                    tp++;
                }
                else
                {
                    fp++;
                }
            }
        }

        return new CurvePoint(threshold, tp, fp, positives, labels.Count - positives, negativeWeight);
    }

    /// <summary>Best precision among thresholds that reach at least <paramref name="recall"/>; NaN when none does.</summary>
    public static double PrecisionAtRecall(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double recall, double negativeWeight = 1)
    {
        var best = double.NaN;
        foreach (var p in Curve(labels, scores, negativeWeight))
        {
            if (p.Recall >= recall - 1e-12 && (double.IsNaN(best) || p.Precision > best))
            {
                best = p.Precision;
            }
        }

        return best;
    }

    /// <summary>The threshold (a score present in the data) with the highest F1; ties go to the higher threshold.</summary>
    public static double MaxF1Threshold(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double negativeWeight = 1)
    {
        double bestF1 = -1, best = 0.5;
        foreach (var p in Curve(labels, scores, negativeWeight))
        {
            if (p.F1 > bestF1 + 1e-12)
            {
                bestF1 = p.F1;
                best = p.Threshold;
            }
        }

        return best;
    }

    /// <summary>
    /// The weight that makes the negatives of a sample with <paramref name="positives"/> and <paramref name="negatives"/>
    /// count as if the positives were <paramref name="prevalence"/> of all rows.
    /// </summary>
    public static double NegativeWeightFor(double prevalence, double positives, double negatives) =>
        positives == 0 || negatives == 0 ? 1 : (positives / negatives) * (1 - prevalence) / prevalence;

    /// <summary>Reliability in equal-width probability bins, and the expected calibration error (row-weighted |mean predicted − observed|).</summary>
    public static Calibration Calibrate(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, int bins = 10)
    {
        var count = new long[bins];
        var sumScore = new double[bins];
        var sumLabel = new double[bins];
        double brier = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var s = Math.Clamp(scores[i], 0f, 1f);
            var b = Math.Min(bins - 1, (int)(s * bins));
            count[b]++;
            sumScore[b] += s;
            sumLabel[b] += labels[i] ? 1 : 0;
            var e = s - (labels[i] ? 1 : 0);
            brier += e * e;
        }

        var result = new List<CalibrationBin>();
        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0)
            {
                continue;
            }

            var predicted = sumScore[b] / count[b];
            var observed = sumLabel[b] / count[b];
            result.Add(new CalibrationBin((double)b / bins, (double)(b + 1) / bins, count[b], predicted, observed));
            ece += count[b] * Math.Abs(predicted - observed);
        }

        return new Calibration(labels.Count == 0 ? double.NaN : ece / labels.Count, labels.Count == 0 ? double.NaN : brier / labels.Count, result);
    }

    /// <summary>Indices sorted by ascending score (ties in no particular order; every caller groups ties).</summary>
    private static int[] Order(IReadOnlyList<float> scores)
    {
        var order = Enumerable.Range(0, scores.Count).ToArray();
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        return order;
    }
}

/// <summary>Confusion counts at one threshold, and the rates they give. Negatives count <see cref="NegativeWeight"/> each.</summary>
public readonly record struct CurvePoint(double Threshold, double TruePositives, double FalsePositives, double Positives, double Negatives, double NegativeWeight)
{
    public double Recall => Positives == 0 ? 0 : TruePositives / Positives;

    public double FalsePositiveRate => Negatives == 0 ? 0 : FalsePositives / Negatives;

    public double Precision => TruePositives + (FalsePositives * NegativeWeight) == 0 ? 1 : TruePositives / (TruePositives + (FalsePositives * NegativeWeight));

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
}

public sealed record Calibration(
    [property: JsonPropertyName("expectedCalibrationError")] double ExpectedCalibrationError,
    [property: JsonPropertyName("brier")] double Brier,
    [property: JsonPropertyName("bins")] IReadOnlyList<CalibrationBin> Bins);

public sealed record CalibrationBin(
    [property: JsonPropertyName("from")] double From,
    [property: JsonPropertyName("to")] double To,
    [property: JsonPropertyName("rows")] long Rows,
    [property: JsonPropertyName("meanPredicted")] double MeanPredicted,
    [property: JsonPropertyName("observed")] double Observed);
