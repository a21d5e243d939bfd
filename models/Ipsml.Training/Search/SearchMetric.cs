using Ipsml.Training.Evaluation;

namespace Ipsml.Training.Search;

/// <summary>The validation metrics the search may rank trials by; higher is better for each.</summary>
internal static class SearchMetric
{
    /// <summary>Average precision (PR-AUC): the default, because positives are what the model is for.</summary>
    public const string PrAuc = "prAuc";

    /// <summary>ROC-AUC: prevalence-free.</summary>
    public const string RocAuc = "rocAuc";

    /// <summary>PR-AUC with negatives re-weighted to a real-world prevalence: does not saturate on malicious-heavy feed data.</summary>
    public const string PrAucAtPrevalence = "prAucAtPrevalence";

    public static IReadOnlyList<string> Names { get; } = [PrAuc, RocAuc, PrAucAtPrevalence];

    public static double Compute(string metric, IReadOnlyList<bool> labels, IReadOnlyList<float> scores, double prevalence = 0.01) => metric switch
    {
        PrAuc => BinaryMetrics.AveragePrecision(labels, scores),
        RocAuc => BinaryMetrics.RocAuc(labels, scores),
        PrAucAtPrevalence => BinaryMetrics.AveragePrecisionAtPrevalence(labels, scores, prevalence),
        _ => throw new ArgumentException($"unknown search metric '{metric}'; known: {string.Join(", ", Names)}"),
    };
}
