using System.Net;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Evaluates a published model on a labelled connection log: reads it with the same streaming pipeline as
/// <c>ipsml score</c> (same remote-side rule, same skipping of rows without a public remote end, same bad-line
/// handling), classes each row by its label (<see cref="LogLabels"/>) and computes the metrics per connection and
/// per remote address. A remote address is malicious when any of its connections is, else benign when any is,
/// else unlabelled; its score is the highest of its connections'. Memory: one score per labelled connection and
/// one entry per remote address.
/// </summary>
internal sealed class LogEvaluation(ConnectionScorer scorer, int threads)
{
    public LogEvaluationResult Run(LogInput input, TextReader stdin, BadLineReporter reporter, CancellationToken cancellationToken)
    {
        var totals = new HuntTotals();
        var scoredByLabel = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var labels = new List<bool>();
        var scores = new List<float>();
        long unlabelled = 0;
        var remotes = new Dictionary<IPAddress, RemoteLabel>();
        var pool = new BatchPool(ScoringDefaults.BatchSize);
        var pipeline = new HuntPipeline(scorer, threads);
        var started = System.Diagnostics.Stopwatch.StartNew();
        pipeline.Run(
            new ConnectionSource(input, stdin, DateTime.UtcNow.Hour).Read(pool, cancellationToken),
            pool,
            batch =>
            {
                totals.Add(batch);
                reporter.Report(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    var label = batch.Labels[i];
                    scoredByLabel[label ?? ""] = scoredByLabel.GetValueOrDefault(label ?? "") + 1;
                    var cls = LogLabels.ClassOf(label);
                    var p = batch.Probabilities[i];
                    if (cls is { } malicious)
                    {
                        labels.Add(malicious);
                        scores.Add(p);
                    }
                    else
                    {
                        unlabelled++;
                    }

                    var remote = batch.Connections[i].Address;
                    remotes[remote] = remotes.GetValueOrDefault(remote).With(cls, p);
                }
            },
            cancellationToken);

        var remoteLabels = new List<bool>();
        var remoteScores = new List<float>();
        long remoteUnlabelled = 0;
        foreach (var r in remotes.Values)
        {
            if (r.Class is { } malicious)
            {
                remoteLabels.Add(malicious);
                remoteScores.Add(r.Max);
            }
            else
            {
                remoteUnlabelled++;
            }
        }

        var threshold = scorer.Threshold;
        var allLabels = scoredByLabel.Keys.Union(totals.SkippedByLabel.Keys).Order(StringComparer.Ordinal);
        return new LogEvaluationResult(
            scorer.Artifact.Manifest.Name,
            scorer.Artifact.Manifest.Version,
            threshold,
            input.Format,
            input.LabelColumn,
            [.. input.Files.Select(ConnectionSource.NameOf)],
            totals.DataLines,
            totals.Scored,
            totals.SkippedRows,
            totals.BadLines,
            new Dictionary<string, long>(totals.Skipped),
            new Dictionary<string, long>(totals.Bad),
            [.. allLabels.Select(l => new LabelCount(
                l.Length == 0 ? null : l,
                LogLabels.ClassName(LogLabels.ClassOf(l)),
                scoredByLabel.GetValueOrDefault(l) + totals.SkippedByLabel.GetValueOrDefault(l),
                scoredByLabel.GetValueOrDefault(l),
                totals.SkippedByLabel.GetValueOrDefault(l)))],
            EvaluationMetrics.Compute(labels, scores, unlabelled, threshold),
            EvaluationMetrics.Compute(remoteLabels, remoteScores, remoteUnlabelled, threshold),
            started.Elapsed.TotalSeconds);
    }

    /// <summary>A remote address's class so far (malicious wins over benign) and its highest score.</summary>
    private readonly record struct RemoteLabel(bool? Class, float Max, bool Seen)
    {
        public RemoteLabel With(bool? cls, float p) => new(
            Class == true || cls == true ? true : Class == false || cls == false ? false : null,
            Seen ? Math.Max(Max, p) : p,
            true);
    }
}
