namespace Ipsml.Pipelines.Gate;

/// <summary>
/// The <c>publish.gate</c> section of an experiment file: how much worse than the champion a run's winner may be,
/// and the size and latency budgets it must fit, before <c>ipsml publish</c> promotes it.
/// </summary>
public sealed class GateOptions
{
    /// <summary>Largest allowed drop of the experiment's metric (<c>evaluate.metric</c>) against the champion, both on this run's test split.</summary>
    public double Tolerance { get; set; } = 0.005;

    /// <summary>Largest model folder on disk, in bytes (default 50 MiB).</summary>
    public long MaxSizeBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Largest median single-row scoring latency, in microseconds (as <c>metrics.json</c> measured it).</summary>
    public double MaxLatencyMicroseconds { get; set; } = 2000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value.</summary>
    public void Validate()
    {
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new ArgumentException($"publish.gate.tolerance: {Tolerance} must be a finite number ≥ 0");
        }

        if (MaxSizeBytes <= 0)
        {
            throw new ArgumentException($"publish.gate.maxSizeBytes: {MaxSizeBytes} must be > 0");
        }

        if (!(MaxLatencyMicroseconds > 0))
        {
            throw new ArgumentException($"publish.gate.maxLatencyMicroseconds: {MaxLatencyMicroseconds} must be > 0");
        }
    }
}
