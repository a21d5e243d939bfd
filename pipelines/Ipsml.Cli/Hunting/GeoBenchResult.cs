namespace Ipsml.Cli.Hunting;

/// <summary>City lookups per second, from the file and through the cache, and how many cached answers differed (must be 0).</summary>
internal sealed record GeoBenchResult(int Addresses, double UncachedPerSecond, double CachedColdPerSecond, double CachedWarmPerSecond, int Mismatches);
