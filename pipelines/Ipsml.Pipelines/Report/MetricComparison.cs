using System.Globalization;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// One number of one candidate in two runs' metrics.json: <paramref name="Metric"/> is its path inside the
/// candidate's entry ("quality.prAuc", "quality.atPrevalence.precision", "cost.sizeBytes"), A and B are the values
/// exactly as the files hold them.
/// </summary>
public sealed record MetricComparison(string Scheme, string Candidate, string Metric, double A, double B)
{
    /// <summary>B − A.</summary>
    public double Delta => B - A;

    public bool IsCost => Metric.StartsWith("cost.", StringComparison.Ordinal);

    /// <summary>A value rounded for a table: counts and rates as integers, times with few decimals, scores with four.</summary>
    public string Format(double value, bool signed = false)
    {
        if (double.IsNaN(value))
        {
            return "n/a";
        }

        var name = Metric[(Metric.LastIndexOf('.') + 1)..];
        var format = name switch
        {
            "rows" or "malicious" or "benign" or "sizeBytes" or "scoringRowsPerSecond" => "N0",
            "trainingSeconds" => "F2",
            "latencyMicroseconds" or "alertsPer10k" or "falseAlertsPer10k" => "F1",
            _ => "F4",
        };
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return signed && value > 0 ? "+" + text : text;
    }
}
