using Ipsml.Training.Evaluation;

namespace Ipsml.Training.Search;

/// <summary>The validation metrics the search may rank trials by; higher is better for each.</summary>
internal static class SearchMetric
{
    /// <summary>Average precision (PR-AUC): the default, because positives are what the model is for.</summary>
    public const string PrAuc = "prAuc";

    /// <summary>ROC-AUC: prevalence-free.</summary>
    public const string RocAuc = "rocAuc";

    public static IReadOnlyList<string> Names { get; } = [PrAuc, RocAuc];

    public static double Compute(string metric, IReadOnlyList<bool> labels, IReadOnlyList<float> scores) => metric switch
    {
        PrAuc => BinaryMetrics.AveragePrecision(labels, scores),
        RocAuc => BinaryMetrics.RocAuc(labels, scores),
        _ => throw new ArgumentException($"unknown search metric '{metric}'; known: {string.Join(", ", Names)}"),
    };
}
