using System.ComponentModel;
using System.Globalization;
using Ipsml.Cli.Hunting;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Benchmark log scoring with a published model: connections per second and peak memory on generated Zeek logs (unique remote addresses, and repeated ones), and GeoIP City lookups per second.")]
public sealed class BenchCommand(IpsmlConsoles consoles) : IpsmlCommand<BenchCommand.Settings>(consoles)
{
    public sealed class Settings : ModelSettings
    {
        [CommandOption("--lines <N>")]
        [Description("Connections per generated log.")]
        [DefaultValue(1_000_000L)]
        public long Lines { get; init; } = 1_000_000;

        [CommandOption("--log <KIND>")]
        [Description("unique, repeated or both.")]
        [DefaultValue("both")]
        public string Log { get; init; } = "both";

        [CommandOption("--distinct <K>")]
        [Description("Remote addresses in the repeated log (Zipf-like popularity).")]
        [DefaultValue(100_000)]
        public int Distinct { get; init; } = 100_000;

        [CommandOption("--seed <N>")]
        [Description("Seed of the generated logs.")]
        [DefaultValue(1)]
        public int Seed { get; init; } = 1;

        [CommandOption("--geo-lookups <N>")]
        [Description("Distinct random addresses for the GeoIP City lookup benchmark (0: skip it).")]
        [DefaultValue(200_000)]
        public int GeoLookups { get; init; } = 200_000;

        [CommandOption("--save <FILE>")]
        [Description("Write the generated log (--log unique or repeated) to FILE instead of benchmarking, e.g. to time 'ipsml score' on it.")]
        public string? Save { get; init; }

        internal IReadOnlyList<BenchLogKind> Kinds => Log switch
        {
            "unique" => [BenchLogKind.Unique],
            "repeated" => [BenchLogKind.Repeated],
            _ => [BenchLogKind.Unique, BenchLogKind.Repeated],
        };

        public override ValidationResult Validate()
        {
            if (Log is not ("unique" or "repeated" or "both"))
            {
                return ValidationResult.Error($"--log: '{Log}' is not unique, repeated or both");
            }

            if (Save is not null && Log == "both")
            {
                return ValidationResult.Error("--save writes one log: give --log unique or --log repeated");
            }

            if (Lines < 1 || Distinct < 1 || Threads < 0 || GeoLookups < 0)
            {
                return ValidationResult.Error("--lines and --distinct must be 1 or more, --threads and --geo-lookups 0 or more");
            }

            return base.Validate();
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        if (settings.Save is { } path)
        {
            using var generated = new GeneratedConnLog(settings.Kinds[0], settings.Lines, settings.Distinct, settings.Seed);
            using var file = new StreamWriter(path);
            while (generated.ReadLine() is { } line)
            {
                cancellationToken.ThrowIfCancellationRequested();
                file.Write(line);
                file.Write('\n');
            }

            Consoles.Out.WriteLine($"{settings.Lines:N0} connections ({settings.Log}) written to {path}");
            return ExitCodes.Success;
        }

        var modelDir = settings.Model ?? LatestModel.Dir(layout, settings.Name);
        var threads = settings.Threads > 0 ? settings.Threads : Environment.ProcessorCount;
        var benchmark = new ScoringBenchmark(
            () => GeoFactory.Open(settings, layout, log, cancellationToken),
            geo => new ConnectionScorer(ModelArtifact.Load(modelDir), geo, settings.AllowGeoMismatch),
            threads);
        var manifest = ModelArtifact.ReadManifest(Path.GetFullPath(modelDir));
        var output = Consoles.Out.Profile.Out.Writer;
        output.WriteLine($"ipsml bench: model {manifest.Name} {manifest.Version} ({manifest.Kind}, {manifest.Candidate}), {threads} scoring thread(s) on {Environment.ProcessorCount} core(s), generated Zeek conn.log, --top {ScoringBenchmark.Top}");
        output.WriteLine();
        output.WriteLine($"{"log",-10}  {"connections",12}  {"remotes",11}  {"seconds",8}  {"conn/s",10}  {"CPU s",7}  {"conn/CPU s",10}  {"GC pause",8}  {"alloc/conn",10}  {"peak RSS",9}  {"heap",7}  {"conn cache",10}  {"row cache",9}  {"model rows",10}  {"calls",6}");
        foreach (var kind in settings.Kinds)
        {
            var r = benchmark.Run(kind, settings.Lines, settings.Distinct, settings.Seed, cancellationToken);
            output.WriteLine(
                $"{(kind == BenchLogKind.Unique ? "unique" : "repeated"),-10}  {r.Lines,12:N0}  {r.DistinctRemotes,11:N0}  {r.Seconds,8:F2}  {r.ConnectionsPerSecond,10:N0}  {r.CpuSeconds,7:F2}  {r.Lines / r.CpuSeconds,10:N0}  {r.GcPauseSeconds,5:F2}s/{r.Collections} {r.AllocatedBytes / r.Lines,8:N0} B  {Mb(r.PeakBytes),9}  {Mb(r.ManagedBytes),7}  {Share(r.ConnectionCacheHits, r.Lines),10}  {Share(r.RowCacheHits, r.Lines),9}  {r.ModelRows,10:N0}  {r.ModelCalls,6:N0}");
            output.Flush();
            if (!r.PeakIsPerRun)
            {
                log.Warn("peak memory could not be reset between runs: it is the process's peak so far");
            }
        }

        output.WriteLine();
        output.WriteLine("conn/s: connections read, scored and ranked per second of wall-clock time, end to end; CPU s: the process's CPU time (all threads) for the run;");
        output.WriteLine("conn/CPU s: connections per CPU second (less sensitive to other load on the machine). peak RSS: the process's peak resident memory during the run.");
        output.WriteLine("conn cache / row cache: connections answered by the (address, hour) cache / by the feature-row cache; model rows: rows the model scored.");
        if (settings.GeoLookups > 0)
        {
            using var geo = GeoFactory.Open(settings, layout, log, cancellationToken);
            if (ScoringBenchmark.Geo(geo, settings.GeoLookups, settings.Seed) is { } g)
            {
                output.WriteLine();
                output.WriteLine($"GeoIP City lookups, {g.Addresses:N0} distinct random public IPv4 addresses, one thread: file {g.UncachedPerSecond:N0}/s; network-prefix cache cold {g.CachedColdPerSecond:N0}/s, warm {g.CachedWarmPerSecond:N0}/s; cached answers differing from the file: {g.Mismatches}");
            }
        }

        output.Flush();
        return ExitCodes.Success;
    }

    private static string Mb(long bytes) => (bytes / (1024.0 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    private static string Share(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
}
