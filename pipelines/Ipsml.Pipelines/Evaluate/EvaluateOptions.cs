namespace Ipsml.Pipelines.Evaluate;

/// <summary>The <c>evaluate</c> section of an experiment file.</summary>
public sealed class EvaluateOptions
{
    /// <summary>
    /// The metric that picks the winner: "prAucAtPrevalence" (default: PR-AUC with benign rows re-weighted to
    /// <see cref="Prevalence"/>; plain PR-AUC saturates near 1 on malicious-heavy feed data), "prAuc", "rocAuc", "f1",
    /// "precisionAtRecall80", "precisionAtRecall90".
    /// </summary>
    public string Metric { get; set; } = "prAucAtPrevalence";

    /// <summary>Share of malicious connections in the traffic the model will see; precision and alert rates are re-weighted to it.</summary>
    public double Prevalence { get; set; } = 0.01;

    /// <summary>
    /// How the threshold is chosen on the validation split: "max-f1-at-prevalence" (default: F1 with negatives
    /// re-weighted to <see cref="Prevalence"/>), or "max-f1" (F1 at the split's own class balance).
    /// </summary>
    public string Threshold { get; set; } = "max-f1-at-prevalence";

    public static readonly IReadOnlySet<string> Metrics = new HashSet<string> { "prAucAtPrevalence", "prAuc", "rocAuc", "f1", "precisionAtRecall80", "precisionAtRecall90" };

    public static readonly IReadOnlySet<string> ThresholdRules = new HashSet<string> { "max-f1-at-prevalence", "max-f1" };
}
