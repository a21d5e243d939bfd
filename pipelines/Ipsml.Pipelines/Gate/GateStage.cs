using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Gate;

/// <summary>
/// gate: the run's winner against the champion (the version <c>models/NAME/LATEST</c> names), both on this run's
/// group-split test rows. The champion is re-scored the way a consumer scores it: the test rows' raw features,
/// encoded with the champion's own vocabulary, through the champion's model, cut at the champion's own threshold,
/// and measured with the evaluate stage's code. The winner passes when the experiment's metric drops by no more than
/// <see cref="GateOptions.Tolerance"/> and its size and median latency fit the budgets; with no champion yet the
/// metric check passes (first model) and the budgets still apply. Writes <c>runs/RUN/gate.json</c>; not
/// content-addressed, because the champion changes as models are published.
/// </summary>
public sealed class GateStage(RunLayout layout, IPipelineLog log)
{
    public GateDecision Run(RunRecord run, PublishOptions options, DateTimeOffset? now = null)
    {
        options.Validate();
        var evaluateKey = RunStore.UpstreamKey(run, StageNames.Evaluate);
        var datasetKey = RunStore.UpstreamKey(run, StageNames.Dataset);
        var metricsPath = layout.Evaluate(evaluateKey).Metrics;
        var report = JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(metricsPath))
            ?? throw new InvalidDataException($"{metricsPath}: empty metrics");
        var winner = report.Get(report.Winner);

        var championVersion = PublishStage.LatestVersion(layout, options.Name);
        CandidateMetrics? champion = null;
        if (championVersion is not null)
        {
            champion = Rescore(layout.ModelVersionDir(options.Name, championVersion), layout.Dataset(datasetKey).Test, report.Prevalence);
            log.Info($"gate: champion {options.Name} {championVersion} ({champion.Candidate}) re-scored on this run's test split: {report.Metric} {Value(champion, report.Metric):F4}");
        }

        var checks = Checks(report.Metric, winner, champion, championVersion, options.Gate);
        var decision = new GateDecision
        {
            Candidate = winner.Candidate,
            Metric = report.Metric,
            CandidateMetrics = winner,
            ChampionVersion = championVersion,
            ChampionMetrics = champion,
            Tolerance = options.Gate.Tolerance,
            MaxSizeBytes = options.Gate.MaxSizeBytes,
            MaxLatencyMicroseconds = options.Gate.MaxLatencyMicroseconds,
            Passed = checks.All(c => c.Passed),
            Checks = checks,
            EvaluateKey = evaluateKey,
            Created = now ?? DateTimeOffset.UtcNow,
        };
        decision.Save(GateDecision.PathFor(layout, run.Id));
        foreach (var c in checks)
        {
            log.Info($"gate: {(c.Passed ? "pass" : "FAIL")} {c.Name}: {c.Detail}");
        }

        return decision;
    }

    /// <summary>The champion artifact (verified) on the test split's raw rows, with its own vocabulary and threshold.</summary>
    internal static CandidateMetrics Rescore(string championDir, string testSplit, double prevalence)
    {
        using var champion = ModelArtifact.Load(championDir);
        var rows = DatasetRow.ReadAll(testSplit);
        var encoder = new FeatureEncoder(champion.Vocabulary);
        var encoded = rows.Select(r => encoder.Encode(r.Features, r.Malicious)).ToList();

        var clock = Stopwatch.StartNew();
        var scores = champion.Model.Score(encoded);
        clock.Stop();
        var labels = rows.Select(r => r.Malicious).ToArray();
        var recorded = Recorded(champion.Manifest);
        return new CandidateMetrics
        {
            Candidate = champion.Manifest.Candidate,
            Kind = recorded?.Kind ?? champion.Manifest.Kind,
            Quality = EvaluateStage.Quality(labels, scores, champion.Manifest.Threshold, prevalence),
            Cost = new CostMetrics
            {
                // Size and training time as the champion's own evaluation recorded them (same definition as the winner's);
                // speed measured again here, beside the winner's, on the same rows.
                SizeBytes = recorded?.Cost.SizeBytes ?? 0,
                TrainingSeconds = recorded?.Cost.TrainingSeconds ?? double.NaN,
                ScoringRowsPerSecond = Math.Round(encoded.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9)),
                LatencyMicroseconds = Math.Round(EvaluateStage.MedianLatency(champion.Model, encoded), 1),
            },
        };
    }

    /// <summary>The metric, size and latency checks, in that order.</summary>
    internal static IReadOnlyList<GateCheck> Checks(string metric, CandidateMetrics candidate, CandidateMetrics? champion, string? championVersion, GateOptions o)
    {
        var value = Value(candidate, metric);
        GateCheck metricCheck;
        if (champion is null)
        {
            metricCheck = new GateCheck("metric", true, $"no champion yet: {metric} {F(value)} is the first model's");
        }
        else
        {
            var championValue = Value(champion, metric);
            var floor = championValue - o.Tolerance;
            var passed = !double.IsNaN(value) && (double.IsNaN(championValue) || value >= floor);
            metricCheck = new GateCheck(
                "metric",
                passed,
                $"{metric} {F(value)} {(passed ? "≥" : "<")} champion {championVersion} {F(championValue)} − {F(o.Tolerance)}");
        }

        var size = candidate.Cost.SizeBytes;
        var sizeOk = size <= o.MaxSizeBytes;
        var latency = candidate.Cost.LatencyMicroseconds;
        var latencyOk = latency <= o.MaxLatencyMicroseconds;
        return
        [
            metricCheck,
            new GateCheck("size", sizeOk, $"model size {Bytes(size)} {(sizeOk ? "≤" : ">")} budget {Bytes(o.MaxSizeBytes)}"),
            new GateCheck("latency", latencyOk, $"median single-row latency {F(latency, 1)} µs {(latencyOk ? "≤" : ">")} budget {F(o.MaxLatencyMicroseconds, 1)} µs"),
        ];
    }

    private static double Value(CandidateMetrics m, string metric) => EvaluationReport.Value(m.Quality, metric);

    private static CandidateMetrics? Recorded(ArtifactManifest manifest)
    {
        try
        {
            return manifest.Metrics.Deserialize<CandidateMetrics>();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string F(double v, int digits = 4) => double.IsNaN(v) ? "n/a" : v.ToString("F" + digits, CultureInfo.InvariantCulture);

    private static string Bytes(long b) => b >= 1024 * 1024
        ? (b / (1024.0 * 1024)).ToString("0.##", CultureInfo.InvariantCulture) + " MiB"
        : b >= 1024 ? (b / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KiB" : b.ToString(CultureInfo.InvariantCulture) + " B";
}
