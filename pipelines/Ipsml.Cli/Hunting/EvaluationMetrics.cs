using System.Text.Json.Serialization;
using Ipsml.Training.Evaluation;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Precision, recall and PR-AUC of a model on labelled items (connections or remote addresses): counts at the
/// model's threshold, PR-AUC (average precision) beside its no-skill baseline (the share of positives), and ROC-AUC.
/// Precision is NaN (written null) when nothing reaches the threshold; the AUCs are NaN without both classes.
/// </summary>
internal sealed record EvaluationMetrics(
    [property: JsonPropertyName("positives")] long Positives,
    [property: JsonPropertyName("negatives")] long Negatives,
    [property: JsonPropertyName("unlabelled")] long Unlabelled,
    [property: JsonPropertyName("truePositives")] long TruePositives,
    [property: JsonPropertyName("falsePositives")] long FalsePositives,
    [property: JsonPropertyName("falseNegatives")] long FalseNegatives,
    [property: JsonPropertyName("trueNegatives")] long TrueNegatives,
    [property: JsonPropertyName("precision")] double Precision,
    [property: JsonPropertyName("recall")] double Recall,
    [property: JsonPropertyName("f1")] double F1,
    [property: JsonPropertyName("prAuc")] double PrAuc,
    [property: JsonPropertyName("prAucBaseline")] double PrAucBaseline,
    [property: JsonPropertyName("rocAuc")] double RocAuc)
{
    public static EvaluationMetrics Compute(IReadOnlyList<bool> labels, IReadOnlyList<float> scores, long unlabelled, double threshold)
    {
        var at = BinaryMetrics.At(labels, scores, threshold);
        long tp = (long)at.TruePositives, fp = (long)at.FalsePositives, positives = (long)at.Positives, negatives = (long)at.Negatives;
        var precision = tp + fp == 0 ? double.NaN : (double)tp / (tp + fp);
        var recall = positives == 0 ? double.NaN : (double)tp / positives;
        var f1 = double.IsNaN(precision) || double.IsNaN(recall) || precision + recall == 0 ? double.NaN : 2 * precision * recall / (precision + recall);
        var prAuc = positives == 0 ? double.NaN : BinaryMetrics.AveragePrecision(labels, scores);
        var baseline = positives + negatives == 0 ? double.NaN : (double)positives / (positives + negatives);
        return new EvaluationMetrics(
            positives, negatives, unlabelled, tp, fp, positives - tp, negatives - fp, precision, recall, f1, prAuc, baseline, BinaryMetrics.RocAuc(labels, scores));
    }
}
