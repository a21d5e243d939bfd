using Ipsml.Pipelines.Dataset;

namespace Ipsml.Pipelines.Report;

/// <summary>One test-split row with the probability a candidate gave it (the evaluate stage's predictions, joined by row order).</summary>
public sealed record ScoredRow(DatasetRow Row, float Probability)
{
    public bool Malicious => Row.Malicious;

    /// <summary>The feeds that list the address ("a|b" in the split file).</summary>
    public IReadOnlyList<string> Feeds => Row.Sources.Length == 0 ? [] : Row.Sources.Split('|');
}
