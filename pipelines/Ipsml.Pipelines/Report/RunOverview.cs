using System.Text.Json;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// One line of <c>ipsml experiments list</c>: a run's identity and the stages it has done (run.json; report and
/// publish count once the run records their outputs) and, once it has been evaluated, its winner and the winner's
/// value of the experiment's metric from metrics.json.
/// </summary>
public sealed record RunOverview(
    string Id,
    string Experiment,
    DateTimeOffset Created,
    string? GitCommit,
    IReadOnlyList<string> Stages,
    string? Winner,
    string? Metric,
    double? MetricValue,
    PublishedModel? Published)
{
    /// <summary>Every run under OUTPUT/runs, oldest first.</summary>
    public static IReadOnlyList<RunOverview> List(RunLayout layout) =>
        [.. new RunStore(layout).List().Select(r => Read(layout, r))];

    public static RunOverview Read(RunLayout layout, RunRecord run)
    {
        string? winner = null, metric = null;
        double? value = null;
        if (run.Stages.TryGetValue(StageNames.Evaluate, out var evaluate) && File.Exists(layout.Evaluate(evaluate.Key).Metrics) && ReadMetrics(layout.Evaluate(evaluate.Key).Metrics) is { } m)
        {
            winner = m.Winner;
            metric = m.Metric;
            value = m.Candidates.FirstOrDefault(c => c.Candidate == m.Winner) is { } w ? EvaluationReport.Value(w.Quality, m.Metric) : null;
        }

        var done = StageNames.All.Where(s => run.Stages.ContainsKey(s)
            || (s == StageNames.Report && run.Report is not null)
            || (s == StageNames.Publish && run.Published is not null));
        return new RunOverview(run.Id, run.Experiment, run.Created, run.GitCommit, [.. done], winner, metric, value, run.Published);
    }

    /// <summary>metrics.json of a run; null when the file is not a metrics report (listed as not evaluated).</summary>
    private static EvaluationReport? ReadMetrics(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
