using System.Diagnostics;
using System.Net;
using Ipsml.Features.Geo;
using Ipsml.Features.Inputs;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Measures the scoring pipeline of <c>ipsml score --format zeek --top 100</c> end to end (Zeek TSV parsing, the
/// remote-side rule, caches, geo enrichment, the model, ranking) on a generated log (<see cref="GeneratedConnLog"/>),
/// with fresh geo databases and caches for each log, and the process's peak memory during the run.
/// </summary>
internal sealed class ScoringBenchmark(Func<IGeoLookup> openGeo, Func<IGeoLookup, ConnectionScorer> openScorer, int threads)
{
    public const int Top = 100;

    public BenchResult Run(BenchLogKind kind, long lines, int distinct, int seed, CancellationToken cancellationToken)
    {
        using var geo = openGeo();
        using var scorer = openScorer(geo);
        var input = new LogInput("zeek", "zeek-conn", new Dictionary<string, string> { ["remote"] = "auto" }, ConnectionSides.Default, ["-"]);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var ownPeak = ProcessMemory.ResetPeak();
        var totals = new HuntTotals();
        using var ranked = new RankedConnections(Top, null);
        var pool = new BatchPool(ScoringDefaults.BatchSize);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var gcBefore = GC.CollectionCount(0);
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        using (var log = new GeneratedConnLog(kind, lines, distinct, seed))
        {
            new HuntPipeline(scorer, threads).Run(
                new ConnectionSource(input, log, 0).Read(pool, cancellationToken),
                pool,
                batch =>
                {
                    totals.Add(batch);
                    ranked.Add(batch);
                },
                cancellationToken);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        var gcPause = (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds;
        var collections = GC.CollectionCount(0) - gcBefore;
        var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        if (totals.Scored != lines || totals.BadLines != 0)
        {
            throw new InvalidOperationException($"the generated log gave {totals.Scored:N0} connections and {totals.BadLines:N0} bad lines, expected {lines:N0} and 0");
        }

        return new BenchResult(
            kind,
            lines,
            kind == BenchLogKind.Repeated ? distinct : lines,
            seconds,
            lines / seconds,
            cpuSeconds,
            gcPause,
            collections,
            allocated,
            ProcessMemory.PeakBytes(),
            ownPeak,
            GC.GetTotalMemory(false),
            pool.Created,
            scorer.ConnectionCacheHits,
            scorer.RowCacheHits,
            scorer.ModelRows,
            scorer.ModelCalls);
    }

    /// <summary>City lookups per second for distinct random public addresses: straight from the file, and through the network cache (cold, then warm).</summary>
    public static GeoBenchResult? Geo(IGeoLookup geo, int count, int seed)
    {
        if (geo is not GeoLookup { City: MaxMindCityDatabase city })
        {
            return null;
        }

        var random = new Random(seed);
        var addresses = new List<IPAddress>(count);
        while (addresses.Count < count)
        {
            var address = Features.Net.IpParsing.FromUInt32((uint)random.NextInt64(0, 1L << 32));
            if (!ConnectionSides.Default.IsLocal(address))
            {
                addresses.Add(address);
            }
        }

        double Rate(Func<IPAddress, GeoCity> lookup)
        {
            var clock = Stopwatch.StartNew();
            foreach (var a in addresses)
            {
                lookup(a);
            }

            return addresses.Count / clock.Elapsed.TotalSeconds;
        }

        var uncached = Rate(city.LookupUncached);
        var cold = Rate(a => city.Lookup(a));
        var warm = Rate(a => city.Lookup(a));
        var mismatches = addresses.Count(a => !Equals(city.Lookup(a), city.LookupUncached(a)));
        return new GeoBenchResult(count, uncached, cold, warm, mismatches);
    }
}
