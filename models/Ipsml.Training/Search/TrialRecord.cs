namespace Ipsml.Training.Search;

/// <summary>
/// One trial of the search log: which configuration, at which rung and on how many rows, what it scored on the
/// validation split, how long it took and how big its model was. A failed trial has <see cref="Error"/> set and a NaN metric.
/// </summary>
internal sealed record TrialRecord(int Index, int Rung, int Rows, SearchConfiguration Configuration, double Metric, double Seconds, long SizeBytes, string? Error)
{
    public bool Succeeded => Error is null && !double.IsNaN(Metric);
}
