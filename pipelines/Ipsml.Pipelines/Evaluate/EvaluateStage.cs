using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Train;
using Ipsml.Training.Evaluation;
using Ipsml.Scoring;

namespace Ipsml.Pipelines.Evaluate;

/// <summary>
/// evaluate: loads every trained candidate through the scoring library (the path consumers use), picks its
/// threshold on the validation split, and measures it on the test split: precision, recall, F1, PR-AUC beside its
/// no-skill baseline, ROC-AUC, precision at fixed recall, the same re-weighted to the configured prevalence,
/// calibration, size and speed.
/// </summary>
public sealed class EvaluateStage(RunLayout layout, IPipelineLog log)
{
    public EvaluateResult Run(string datasetKey, string trainKey, EvaluateOptions options, bool force, CancellationToken cancellationToken)
    {
        Validate(options);
        var inputs = new JsonObject
        {
            ["dataset"] = datasetKey,
            ["train"] = trainKey,
            ["options"] = JsonSerializer.SerializeToNode(options),
        };
        var outcome = new StageRunner(layout).Run(StageNames.Evaluate, inputs, force, dir =>
            Build(layout.Dataset(datasetKey), layout.Train(trainKey), options, new EvaluateFiles(dir), cancellationToken));
        var report = JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(layout.Evaluate(outcome.Key).Metrics))!;
        return new EvaluateResult(outcome, report);
    }

    public static void Validate(EvaluateOptions o)
    {
        if (!EvaluateOptions.Metrics.Contains(o.Metric))
        {
            throw new ArgumentException($"evaluate.metric: '{o.Metric}' is not one of {string.Join(", ", EvaluateOptions.Metrics)}");
        }

        if (!EvaluateOptions.ThresholdRules.Contains(o.Threshold))
        {
            throw new ArgumentException($"evaluate.threshold: '{o.Threshold}' is not one of {string.Join(", ", EvaluateOptions.ThresholdRules)}");
        }

        if (o.Prevalence is <= 0 or >= 1)
        {
            throw new ArgumentException($"evaluate.prevalence: {o.Prevalence} must be between 0 and 1");
        }
    }

    private void Build(DatasetFiles dataset, TrainFiles train, EvaluateOptions options, EvaluateFiles output, CancellationToken cancellationToken)
    {
        var candidates = JsonSerializer.Deserialize<List<CandidateSummary>>(File.ReadAllText(train.Summary))!;
        var results = new Dictionary<string, List<CandidateMetrics>>();
        using (var step = log.Step("evaluate: candidates", candidates.Count))
        {
            foreach (var scheme in candidates.Select(c => c.Scheme).Distinct())
            {
                var files = dataset.Scheme(scheme);
                var vocabulary = FeatureVocabulary.Load(files.Vocabulary);
                var valid = TrainStage.Encode(files.Valid, vocabulary);
                var testRows = DatasetRow.ReadAll(files.Test);
                var encoder = new FeatureEncoder(vocabulary);
                var test = testRows.Select(r => encoder.Encode(r.Features, r.Malicious)).ToList();
                Directory.CreateDirectory(Path.Combine(output.Dir, scheme));
                results[scheme] = [];
                foreach (var c in candidates.Where(c => c.Scheme == scheme))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var model = ModelLoader.Load(train.CandidateDir(scheme, c.Name));
                    var (metrics, scores) = Measure(c, model, valid, test, options);
                    WritePredictions(output.Predictions(scheme, c.Name), testRows, scores);
                    results[scheme].Add(metrics);
                    log.Info($"evaluate: {c.Name} ({scheme} split): PR-AUC {metrics.Quality.PrAuc:F3} (no-skill {metrics.Quality.PrAucBaseline:F3}), ROC-AUC {metrics.Quality.RocAuc:F3}, precision at {options.Prevalence:P1} prevalence {metrics.Quality.AtPrevalence.Precision:F3}");
                    step.Advance();
                }
            }
        }

        var group = results[SplitSchemes.Group];
        var winner = group
            .Select((r, i) => (r, i))
            .OrderByDescending(t => double.IsNaN(EvaluationReport.Value(t.r.Quality, options.Metric)) ? double.MinValue : EvaluationReport.Value(t.r.Quality, options.Metric))
            .ThenBy(t => t.i)
            .First().r.Candidate;
        var report = new EvaluationReport
        {
            Metric = options.Metric,
            Prevalence = options.Prevalence,
            ThresholdRule = options.Threshold,
            Winner = winner,
            Candidates = group,
            Temporal = results.GetValueOrDefault(SplitSchemes.Temporal) ?? [],
        };
        File.WriteAllText(output.Metrics, JsonSerializer.Serialize(report, RunStore.JsonOptions));
    }

    /// <summary>Threshold on validation, metrics on test, with the prevalence re-weighting.</summary>
    public static (CandidateMetrics Metrics, float[] Scores) Measure(CandidateSummary candidate, IScoringModel model, IReadOnlyList<FeatureRow> valid, IReadOnlyList<FeatureRow> test, EvaluateOptions options)
    {
        var validLabels = valid.Select(r => r.Label).ToArray();
        var validScores = model.Score(valid);
        var threshold = options.Threshold == "max-f1"
            ? BinaryMetrics.MaxF1Threshold(validLabels, validScores)
            : BinaryMetrics.MaxF1Threshold(validLabels, validScores, NegativeWeight(validLabels, options.Prevalence));

        var clock = Stopwatch.StartNew();
        var scores = model.Score(test);
        clock.Stop();
        var rowsPerSecond = test.Count / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        var latency = MedianLatency(model, test);

        var labels = test.Select(r => r.Label).ToArray();
        var quality = Quality(labels, scores, threshold, options.Prevalence);
        var metrics = new CandidateMetrics
        {
            Candidate = candidate.Name,
            Kind = candidate.Kind,
            Quality = quality,
            Cost = new CostMetrics
            {
                SizeBytes = candidate.SizeBytes,
                TrainingSeconds = candidate.TrainingSeconds,
                ScoringRowsPerSecond = Math.Round(rowsPerSecond),
                LatencyMicroseconds = Math.Round(latency, 1),
            },
        };
        return (metrics, scores);
    }

    public static QualityMetrics Quality(bool[] labels, float[] scores, double threshold, double prevalence)
    {
        var at = BinaryMetrics.At(labels, scores, threshold);
        var weight = NegativeWeight(labels, prevalence);
        var atPrevalence = BinaryMetrics.At(labels, scores, threshold, weight);
        var everything = BinaryMetrics.At(labels, scores, double.NegativeInfinity, weight);
        return new QualityMetrics
        {
            Rows = labels.Length,
            Malicious = labels.LongCount(l => l),
            Benign = labels.LongCount(l => !l),
            Threshold = threshold,
            Precision = at.Precision,
            Recall = at.Recall,
            F1 = at.F1,
            FalsePositiveRate = at.FalsePositiveRate,
            PrAuc = BinaryMetrics.AveragePrecision(labels, scores),
            PrAucBaseline = labels.Length == 0 ? double.NaN : (double)labels.Count(l => l) / labels.Length,
            RocAuc = BinaryMetrics.RocAuc(labels, scores),
            PrecisionAtRecall80 = BinaryMetrics.PrecisionAtRecall(labels, scores, 0.8),
            PrecisionAtRecall90 = BinaryMetrics.PrecisionAtRecall(labels, scores, 0.9),
            AtPrevalence = AtPrevalence(atPrevalence, BinaryMetrics.AveragePrecision(labels, scores, weight), prevalence),
            Calibration = BinaryMetrics.Calibrate(labels, scores),
            AllMalicious = AtPrevalence(everything, prevalence, prevalence),
        };
    }

    private static PrevalenceMetrics AtPrevalence(CurvePoint p, double prAuc, double prevalence) => new()
    {
        Prevalence = prevalence,
        Precision = p.Precision,
        Recall = p.Recall,
        PrAuc = prAuc,
        AlertsPer10k = 10_000 * ((prevalence * p.Recall) + ((1 - prevalence) * p.FalsePositiveRate)),
        FalseAlertsPer10k = 10_000 * (1 - prevalence) * p.FalsePositiveRate,
    };

    private static double NegativeWeight(bool[] labels, double prevalence)
    {
        var positives = labels.Count(l => l);
        return BinaryMetrics.NegativeWeightFor(prevalence, positives, labels.Length - positives);
    }

    /// <summary>Median time to score one row alone, over up to 201 rows after a warm-up; NaN for no rows.</summary>
    internal static double MedianLatency(IScoringModel model, IReadOnlyList<FeatureRow> rows)
    {
        if (rows.Count == 0)
        {
            return double.NaN;
        }

        var samples = new double[Math.Min(201, rows.Count)];
        model.Score([rows[0]]); // warm up
        for (var i = 0; i < samples.Length; i++)
        {
            var clock = Stopwatch.StartNew();
            model.Score([rows[i]]);
            samples[i] = clock.Elapsed.TotalMicroseconds;
        }

        Array.Sort(samples);
        return samples[samples.Length / 2];
    }

    private static void WritePredictions(string path, IReadOnlyList<DatasetRow> rows, float[] scores)
    {
        var sb = new StringBuilder("ip,hour,label,probability\n");
        for (var i = 0; i < rows.Count; i++)
        {
            sb.Append(rows[i].Features.Address).Append(',')
              .Append(rows[i].Features.Hour?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
              .Append(rows[i].Malicious ? '1' : '0').Append(',')
              .Append(scores[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
    }
}

public sealed record EvaluateResult(StageOutcome Outcome, EvaluationReport Report);
