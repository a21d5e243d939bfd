using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Gate;

/// <summary>
/// gate: the run's winner against the champion (the version <c>models/NAME/LATEST</c> names), both on the same rows:
/// this run's group-split test rows whose network group would also have been in the champion's test split (recomputed
/// from the split its manifest records), so neither model is measured on rows it trained or validated on. When rows
/// are excluded the winner is scored again on the shared rows; a champion without a split record (older artifacts) is
/// compared on all rows with a warning. The champion is re-scored the way a consumer scores it: the rows' raw features,
/// encoded with the champion's own vocabulary, through the champion's model, cut at the champion's own threshold,
/// and measured with the evaluate stage's code. The winner passes when the experiment's metric drops by no more than
/// <see cref="GateOptions.Tolerance"/> and its size and median latency fit the budgets; with no champion yet the
/// metric check passes (first model) and the budgets still apply; when the shared rows lack a label the metric cannot
/// be compared and the check fails, saying so (<c>--force-promote</c> overrides). Writes <c>runs/RUN/gate.json</c>;
/// not content-addressed, because the champion changes as models are published.
/// </summary>
public sealed class GateStage(RunLayout layout, IPipelineLog log)
{
    public GateDecision Run(RunRecord run, PublishOptions options, DateTimeOffset? now = null)
    {
        options.Validate();
        var evaluateKey = RunStore.UpstreamKey(run, StageNames.Evaluate);
        var datasetKey = RunStore.UpstreamKey(run, StageNames.Dataset);
        var trainKey = RunStore.UpstreamKey(run, StageNames.Train);
        var metricsPath = layout.Evaluate(evaluateKey).Metrics;
        var report = JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(metricsPath))
            ?? throw new InvalidDataException($"{metricsPath}: empty metrics");
        var winner = report.Get(report.Winner);

        var championVersion = PublishStage.LatestVersion(layout, options.Name);
        CandidateMetrics? champion = null;
        GateComparison? comparison = null;
        if (championVersion is not null)
        {
            var championDir = layout.ModelVersionDir(options.Name, championVersion);
            var dataset = layout.Dataset(datasetKey);
            var test = DatasetRow.ReadAll(dataset.Test);
            var championSplit = ModelArtifact.ReadManifest(championDir).Split;
            var (shared, excludedTrain, excludedValid) = Share(test, championSplit);
            var malicious = shared.LongCount(r => r.Malicious);
            comparison = new GateComparison
            {
                TestRows = test.Count,
                Rows = shared.Count,
                Malicious = malicious,
                Benign = shared.Count - malicious,
                ExcludedChampionTrain = excludedTrain,
                ExcludedChampionValid = excludedValid,
                ChampionSplit = championSplit,
                WinnerRescored = shared.Count != test.Count,
            };
            comparison = comparison with { Warning = Warning(comparison, options.Name, championVersion) };
            if (comparison.Warning is { } warning)
            {
                log.Warn($"gate: {warning}");
            }

            if (comparison.Comparable)
            {
                if (comparison.WinnerRescored)
                {
                    var files = dataset.Scheme(SplitSchemes.Group);
                    winner = RescoreWinner(winner, layout.Train(trainKey).CandidateDir(SplitSchemes.Group, winner.Candidate), files.Vocabulary, shared, report.Prevalence);
                }

                champion = Rescore(championDir, shared, report.Prevalence);
                log.Info($"gate: champion {options.Name} {championVersion} ({champion.Candidate}) and winner {winner.Candidate} on {comparison.Summary}: {report.Metric} {Value(champion, report.Metric):F4} and {Value(winner, report.Metric):F4}");
            }
        }

        var checks = Checks(report.Metric, winner, champion, championVersion, options.Gate, comparison);
        var decision = new GateDecision
        {
            Candidate = winner.Candidate,
            Metric = report.Metric,
            CandidateMetrics = winner,
            ChampionVersion = championVersion,
            ChampionMetrics = champion,
            Comparison = comparison,
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

    /// <summary>
    /// The test rows whose group the champion's split also puts in its test split, and how many rows fall in its train
    /// and valid splits instead. Without a split record (or one of another kind) every row is kept: nothing can be told.
    /// </summary>
    internal static (List<DatasetRow> Shared, long ExcludedTrain, long ExcludedValid) Share(IReadOnlyList<DatasetRow> test, ArtifactSplit? championSplit)
    {
        if (championSplit is not { Scheme: SplitSchemes.Group, Group: "/24" })
        {
            return ([.. test], 0, 0);
        }

        var split = new SplitOptions { Group = championSplit.Group, Train = championSplit.Train, Valid = championSplit.Valid };
        var shared = new List<DatasetRow>(test.Count);
        long train = 0, valid = 0;
        foreach (var row in test)
        {
            switch (DatasetStage.SplitOf(row.Group, split, championSplit.Seed))
            {
                case "train":
                    train++;
                    break;
                case "valid":
                    valid++;
                    break;
                default:
                    shared.Add(row);
                    break;
            }
        }

        return (shared, train, valid);
    }

    private static string? Warning(GateComparison c, string name, string version)
    {
        if (c.ChampionSplit is null)
        {
            return $"champion {name} {version} records no data split (published before manifests recorded one): both models are compared on all {c.TestRows:N0} test rows, some of which it may have trained on, which flatters it";
        }

        if (c.ChampionSplit is not { Scheme: SplitSchemes.Group, Group: "/24" })
        {
            return $"champion {name} {version} records a '{c.ChampionSplit.Scheme}' split by '{c.ChampionSplit.Group}', which this gate cannot recompute: both models are compared on all {c.TestRows:N0} test rows, some of which it may have trained on";
        }

        return c.Comparable
            ? null
            : $"only {c.Rows:N0} of this run's {c.TestRows:N0} test rows are in champion {name} {version}'s test split too ({c.Malicious:N0} malicious, {c.Benign:N0} benign; seed {c.ChampionSplit.Seed}, train {c.ChampionSplit.Train}, valid {c.ChampionSplit.Valid}): too few to compare the metric";
    }

    /// <summary>The champion artifact (verified) on the given raw rows, with its own vocabulary and threshold.</summary>
    internal static CandidateMetrics Rescore(string championDir, IReadOnlyList<DatasetRow> rows, double prevalence)
    {
        using var champion = ModelArtifact.Load(championDir);
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

    /// <summary>
    /// The winner's quality on the shared rows: its model from the train stage, this run's vocabulary, the threshold
    /// evaluate chose on the validation split; its cost (size, training time, speed) stays as evaluate measured it.
    /// </summary>
    internal static CandidateMetrics RescoreWinner(CandidateMetrics winner, string modelDir, string vocabularyPath, IReadOnlyList<DatasetRow> rows, double prevalence)
    {
        using var model = ModelLoader.Load(modelDir);
        var encoder = new FeatureEncoder(FeatureVocabulary.Load(vocabularyPath));
        var scores = model.Score([.. rows.Select(r => encoder.Encode(r.Features, r.Malicious))]);
        return winner with { Quality = EvaluateStage.Quality([.. rows.Select(r => r.Malicious)], scores, winner.Quality.Threshold, prevalence) };
    }

    /// <summary>The metric, size and latency checks, in that order.</summary>
    internal static IReadOnlyList<GateCheck> Checks(string metric, CandidateMetrics candidate, CandidateMetrics? champion, string? championVersion, GateOptions o, GateComparison? comparison = null)
    {
        var value = Value(candidate, metric);
        GateCheck metricCheck;
        if (championVersion is null)
        {
            metricCheck = new GateCheck("metric", true, $"no champion yet: {metric} {F(value)} is the first model's");
        }
        else if (champion is null || comparison is { Comparable: false })
        {
            metricCheck = new GateCheck(
                "metric",
                false,
                $"{metric} cannot be compared with champion {championVersion}: {comparison?.Warning ?? "it could not be re-scored"}; re-run with the champion's seed and split, or publish with --force-promote");
        }
        else
        {
            var championValue = Value(champion, metric);
            var floor = championValue - o.Tolerance;
            var passed = !double.IsNaN(value) && (double.IsNaN(championValue) || value >= floor);
            metricCheck = new GateCheck(
                "metric",
                passed,
                $"{metric} {F(value)} {(passed ? "≥" : "<")} champion {championVersion} {F(championValue)} − {F(o.Tolerance)}{(comparison is null ? "" : $", on {comparison.Summary}")}");
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
