namespace Ipsml.Cli.Hunting;

/// <summary>One benchmark run.</summary>
internal sealed record BenchResult(
    BenchLogKind Kind,
    long Lines,
    long DistinctRemotes,
    double Seconds,
    double ConnectionsPerSecond,
    double CpuSeconds,
    double GcPauseSeconds,
    int Collections,
    long AllocatedBytes,
    long PeakBytes,
    bool PeakIsPerRun,
    long ManagedBytes,
    int Batches,
    long ConnectionCacheHits,
    long RowCacheHits,
    long ModelRows,
    long ModelCalls);
