using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Everything the Markdown and HTML reports show: the stages' recorded outputs (<see cref="Facts"/>), the gate
/// decision and the champion when there are any, and what the report computes itself from the evaluate stage's
/// predictions and the winner's model (error examples, slices, permutation importance). The reports mark the
/// computed parts as such.
/// </summary>
public sealed record ReportData
{
    public required RunFacts Facts { get; init; }

    /// <summary>runs/RUN/gate.json; null when the gate has not run.</summary>
    public GateDecision? Gate { get; init; }

    public ChampionRun? Champion { get; init; }

    /// <summary>Per-feed changes since the champion's run; empty when that run is not available locally.</summary>
    public IReadOnlyList<SourceChange> DataChanges { get; init; } = [];

    /// <summary>Every group-split candidate's test scores, in metrics.json order.</summary>
    public required IReadOnlyList<CandidateScores> Scores { get; init; }

    /// <summary>The winner's test rows joined with its probabilities.</summary>
    public required IReadOnlyList<ScoredRow> WinnerRows { get; init; }

    public required IReadOnlyList<ScoredRow> FalsePositives { get; init; }

    public required IReadOnlyList<ScoredRow> FalseNegatives { get; init; }

    public required IReadOnlyList<Slice> ByFeed { get; init; }

    public required IReadOnlyList<Slice> ByCountry { get; init; }

    public required IReadOnlyList<Slice> ByAsn { get; init; }

    public required PermutationImportance.Result Importance { get; init; }

    /// <summary>Plots written for this report (set once they are drawn).</summary>
    public IReadOnlyList<PlotFile> Plots { get; init; } = [];

    public string Winner => Facts.Metrics.Winner;

    public double Threshold => Facts.Metrics.Get(Winner).Quality.Threshold;

    public static ReportData Load(RunLayout layout, RunRecord run, IPipelineLog log, CancellationToken cancellationToken = default)
    {
        var facts = RunFacts.Load(layout, run);
        var gate = GateFile.Read(layout, run.Id);
        var modelName = new RunStore(layout).Experiment(run).Bind<PublishOptions>("publish").Name;
        var champion = ChampionRun.Find(layout, run, gate, modelName);

        var evaluate = layout.Evaluate(RunStore.UpstreamKey(run, StageNames.Evaluate));
        var dataset = layout.Dataset(RunStore.UpstreamKey(run, StageNames.Dataset)).Scheme(SplitSchemes.Group);
        var train = layout.Train(RunStore.UpstreamKey(run, StageNames.Train));
        var scores = new List<CandidateScores>();
        foreach (var c in facts.Metrics.Candidates)
        {
            var (labels, probabilities) = TestPredictions.ReadScores(evaluate.Predictions(SplitSchemes.Group, c.Candidate));
            scores.Add(new CandidateScores(c.Candidate, labels, probabilities));
        }

        var winner = facts.Metrics.Winner;
        var threshold = facts.Metrics.Get(winner).Quality.Threshold;
        var testRows = DatasetRow.ReadAll(dataset.Test);
        var rows = TestPredictions.Join(evaluate.Predictions(SplitSchemes.Group, winner), testRows);

        log.Info($"report: permutation importance of {winner} on up to {PermutationImportance.MaxRows:N0} test rows ({PermutationImportance.Repeats} shuffles per column)");
        var summary = facts.Candidates.FirstOrDefault(c => c.Name == winner && c.Scheme == SplitSchemes.Group)
            ?? throw new InvalidDataException($"{train.Summary}: no group-split candidate '{winner}'");
        var encoder = new FeatureEncoder(FeatureVocabulary.Load(dataset.Vocabulary));
        var encoded = testRows.Select(r => encoder.Encode(r.Features, r.Malicious)).ToList();
        PermutationImportance.Result importance;
        using (var model = ModelLoader.Load(train.CandidateDir(SplitSchemes.Group, winner)))
        {
            importance = PermutationImportance.Compute(model, encoded, summary.Columns, run.Seed, cancellationToken);
        }

        return new ReportData
        {
            Facts = facts,
            Gate = gate,
            Champion = champion,
            DataChanges = champion?.Facts is { } before ? Report.DataChanges.Compare(before, facts) : [],
            Scores = scores,
            WinnerRows = rows,
            FalsePositives = ErrorExamples.TopFalsePositives(rows),
            FalseNegatives = ErrorExamples.TopFalseNegatives(rows),
            ByFeed = SliceMetrics.ByFeed(rows, threshold),
            ByCountry = SliceMetrics.ByCountry(rows, threshold),
            ByAsn = SliceMetrics.ByAsn(rows, threshold),
            Importance = importance,
        };
    }
}
