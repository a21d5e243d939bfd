using System.Diagnostics;
using Ipsml.Cli.Infrastructure;
using Ipsml.Features.Geo;
using Ipsml.Scoring;
using Spectre.Console;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// <c>ipsml score --format …</c>: streams the inputs through the scoring pipeline, ranks the connections (or the
/// remote addresses) by probability, explains the rows it prints and writes them to stdout; bad lines and a summary
/// go to stderr. Returns the exit code: <see cref="ExitCodes.SomeLinesRejected"/> when any line was bad.
/// </summary>
internal sealed class LogScoring(IpsmlConsoles consoles, ConsolePipelineLog log)
{
    public int Run(LogInput input, HuntOptions options, ConnectionScorer scorer, IGeoLookup geo, CancellationToken cancellationToken)
    {
        RequireFiles(input);
        var sources = input.Files.Select(ConnectionSource.NameOf).ToList();
        var totals = new HuntTotals();
        var reporter = new BadLineReporter(consoles.Error, sources, options.ShowErrors);
        using var ranked = options.Aggregate ? null : new RankedConnections(options.Top, options.Threshold);
        var aggregator = options.Aggregate ? new RemoteAggregator() : null;
        var pool = new BatchPool(ScoringDefaults.BatchSize);
        var pipeline = new HuntPipeline(scorer, options.Threads);
        var clock = Stopwatch.StartNew();
        pipeline.Run(
            new ConnectionSource(input, consoles.In, DateTime.UtcNow.Hour).Read(pool, cancellationToken),
            pool,
            batch =>
            {
                totals.Add(batch);
                reporter.Report(batch);
                ranked?.Add(batch);
                aggregator?.Add(batch);
            },
            cancellationToken);
        var scoring = clock.Elapsed;

        var writer = new HuntWriter(consoles.Out.Profile.Out.Writer, options.OutputFormat, scorer.Artifact.Manifest, new ScoreExplainer(scorer, geo), sources);
        if (aggregator is not null)
        {
            writer.WriteRemotes(aggregator.Ranked(options.Top, options.Threshold));
        }
        else
        {
            writer.WriteConnections(ranked!.Descending());
        }

        Summarize(input, options, totals, reporter, scorer, writer.Written, aggregator?.Count, scoring);
        return totals.BadLines > 0 ? ExitCodes.SomeLinesRejected : ExitCodes.Success;
    }

    /// <summary>Fails before reading anything when an input file is missing.</summary>
    internal static void RequireFiles(LogInput input)
    {
        foreach (var file in input.InlineLines is null ? input.Files.Where(f => f != "-") : [])
        {
            if (!File.Exists(file))
            {
                throw new FileNotFoundException($"{file}: no such file", file);
            }
        }
    }

    private void Summarize(LogInput input, HuntOptions options, HuntTotals totals, BadLineReporter reporter, ConnectionScorer scorer, long written, int? remotes, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? totals.Scored / elapsed.TotalSeconds : 0;
        var what = remotes is { } n ? $", {n:N0} remote addresses, {written:N0} printed" : $", {written:N0} printed";
        log.Info($"{totals.Scored:N0} connections scored from {input.Files.Count} input(s) in {elapsed.TotalSeconds:F1} s ({rate:N0}/s){what}; model {scorer.Artifact.Manifest.Name} {scorer.Artifact.Manifest.Version}, threshold {ProbabilityFormat.Exact(scorer.Threshold)}");
        if (totals.SkippedRows > 0)
        {
            log.Info($"{totals.SkippedRows:N0} rows without a public remote end skipped ({HuntTotals.Describe(totals.Skipped)})");
        }

        log.Detail($"caches: {scorer.ConnectionCacheHits:N0} connection hits, {scorer.RowCacheHits:N0} feature-row hits, {scorer.ModelRows:N0} rows scored by the model in {scorer.ModelCalls:N0} calls");
        if (totals.BadLines > 0)
        {
            var more = reporter.Unprinted > 0 ? $"; {reporter.Unprinted:N0} not shown (--show-errors N)" : "";
            consoles.Error.MarkupLineInterpolated($"[yellow]{totals.Scored:N0} scored, {totals.BadLines:N0} bad lines ({HuntTotals.Describe(totals.Bad)}){more}[/]");
        }
    }
}
