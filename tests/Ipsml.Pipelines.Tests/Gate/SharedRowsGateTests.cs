using System.Text.Json;
using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Tests.Gate;

/// <summary>
/// The gate compares winner and champion on the same rows, none of which the champion trained or validated on: the
/// champion's manifest records its split, and a run with another seed leaves out its test rows in the champion's
/// train and valid groups.
/// </summary>
[Trait("Category", "SharedData")]
[Collection(SeedGateRunsCollection.Name)]
public sealed class SharedRowsGateTests(SeedGateRuns runs)
{
    private static string Json(QualityMetrics q) => JsonSerializer.Serialize(q);

    private List<DatasetRow> TestRows(string run) => DatasetRow.ReadAll(runs.Layout.Dataset(runs.Run(run).Stages[StageNames.Dataset].Key).Test);

    private static SplitOptions ChampionSplit => new() { Group = "/24", Train = 0.5, Valid = 0.2 };

    [Fact]
    public void Every_step_of_the_runs_succeeds()
    {
        foreach (var (run, steps) in runs.Steps)
        {
            Assert.All(steps, kv => Assert.True(kv.Value.ExitCode == 0, $"{run} {kv.Key}: {kv.Value.Error}{kv.Value.Out}"));
        }
    }

    [Fact]
    public void The_manifest_records_the_group_split_the_model_was_trained_on()
    {
        var split = runs.Manifest().Split!;

        Assert.Equal("group", split.Scheme);
        Assert.Equal("/24", split.Group);
        Assert.Equal(0.5, split.Train);
        Assert.Equal(0.2, split.Valid);
        Assert.Equal(7, split.Seed);
    }

    [Fact]
    public void Excluded_rows_are_exactly_those_whose_group_is_in_the_champions_train_or_valid_split()
    {
        var test = TestRows("b");
        var where = test.Select(r => DatasetStage.SplitOf(r.Group, ChampionSplit, 7)).ToList();
        var comparison = runs.Gate("b").Comparison!;

        Assert.Equal(test.Count, comparison.TestRows);
        Assert.Equal(where.Count(w => w == "train"), comparison.ExcludedChampionTrain);
        Assert.Equal(where.Count(w => w == "valid"), comparison.ExcludedChampionValid);
        Assert.Equal(where.Count(w => w == "test"), comparison.Rows);
        Assert.True(comparison.ExcludedChampionTrain > 0 && comparison.ExcludedChampionValid > 0 && comparison.Rows > 0, comparison.Summary);
        Assert.True(comparison.WinnerRescored);
        Assert.Null(comparison.Warning);

        // The recomputed split agrees with the champion run's own files: a group in its train.csv is "train", and so on.
        var championDataset = runs.Layout.Dataset(runs.Run("a").Stages[StageNames.Dataset].Key);
        var seen = 0;
        foreach (var split in DatasetStage.SplitNames)
        {
            var groups = DatasetRow.ReadAll(championDataset.Split(split)).Select(r => r.Group).ToHashSet();
            foreach (var (row, w) in test.Zip(where).Where(t => groups.Contains(t.First.Group)))
            {
                Assert.Equal(split, w);
                seen++;
            }
        }

        Assert.True(seen > test.Count / 2, $"only {seen} of {test.Count} test groups are in the champion's dataset");
    }

    [Fact]
    public void Champion_and_winner_are_both_measured_on_the_shared_rows_only()
    {
        var gate = runs.Gate("b");
        var shared = TestRows("b").Where(r => DatasetStage.SplitOf(r.Group, ChampionSplit, 7) == "test").ToList();
        var labels = shared.Select(r => r.Malicious).ToArray();
        var evaluation = JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(runs.Layout.Evaluate(runs.Run("b").Stages[StageNames.Evaluate].Key).Metrics))!;
        var ownWinner = evaluation.Get(evaluation.Winner);

        using var champion = ModelArtifact.Load(runs.ChampionDir());
        var championEncoder = new FeatureEncoder(champion.Vocabulary);
        var championScores = champion.Model.Score([.. shared.Select(r => championEncoder.Encode(r.Features, r.Malicious))]);
        var dataset = runs.Layout.Dataset(runs.Run("b").Stages[StageNames.Dataset].Key);
        using var winner = ModelLoader.Load(runs.Layout.Train(runs.Run("b").Stages[StageNames.Train].Key).CandidateDir(SplitSchemes.Group, ownWinner.Candidate));
        var winnerEncoder = new FeatureEncoder(FeatureVocabulary.Load(dataset.Vocabulary));
        var winnerScores = winner.Score([.. shared.Select(r => winnerEncoder.Encode(r.Features, r.Malicious))]);

        Assert.Equal(Json(EvaluateStage.Quality(labels, championScores, champion.Manifest.Threshold, evaluation.Prevalence)), Json(gate.ChampionMetrics!.Quality));
        Assert.Equal(Json(EvaluateStage.Quality(labels, winnerScores, ownWinner.Quality.Threshold, evaluation.Prevalence)), Json(gate.CandidateMetrics.Quality));
        Assert.Equal(shared.Count, gate.ChampionMetrics.Quality.Rows);
        Assert.Equal(shared.Count, gate.CandidateMetrics.Quality.Rows);
        Assert.True(shared.Count < ownWinner.Quality.Rows);
        Assert.Equal(ownWinner.Cost, gate.CandidateMetrics.Cost);
        Assert.Contains($"on {shared.Count:N0} of {ownWinner.Quality.Rows:N0} test rows", gate.Checks[0].Detail);
    }

    [Fact]
    public void Gate_output_and_report_say_how_many_rows_were_compared_and_left_out()
    {
        var comparison = runs.Gate("b").Comparison!;
        var report = File.ReadAllText(Path.Combine(runs.Layout.RunReportDir("b"), "report.md"));

        Assert.Contains($"compared on {comparison.Rows:N0} of {comparison.TestRows:N0} test rows", runs.Steps["b"]["gate"].Out);
        Assert.Contains($"{comparison.Excluded:N0} excluded: {comparison.ExcludedChampionTrain:N0} in the champion's train split, {comparison.ExcludedChampionValid:N0} in its valid split", runs.Steps["b"]["gate"].Out);
        Assert.Contains($"on the {comparison.Rows:N0} test rows neither trained on", report);
        Assert.Contains("_forest on the shared rows_", report);
    }

    [Fact]
    public void A_champion_without_a_split_record_is_compared_on_all_rows_with_a_warning()
    {
        var gate = runs.Gate("c");
        var comparison = gate.Comparison!;

        Assert.Null(runs.Manifest("legacy-model").Split);
        Assert.Equal(TestRows("c").Count, comparison.Rows);
        Assert.Equal(0, comparison.Excluded);
        Assert.False(comparison.WinnerRescored);
        Assert.Contains("records no data split", comparison.Warning);
        Assert.Contains("warning:", runs.Steps["c"]["gate"].Out);
        Assert.Contains("records no data split", runs.Steps["c"]["gate"].Out);
        Assert.Equal(comparison.Rows, gate.ChampionMetrics!.Quality.Rows);
    }

    [Fact]
    public void Too_few_shared_rows_to_hold_both_labels_fail_the_metric_check_with_the_reason()
    {
        var gate = runs.Gate("d");
        var comparison = gate.Comparison!;
        var metric = gate.Checks[0];

        Assert.False(comparison.Malicious > 0 && comparison.Benign > 0, comparison.Summary);
        Assert.False(gate.Passed);
        Assert.False(metric.Passed);
        Assert.Contains("cannot be compared with champion 1.0.1", metric.Detail);
        Assert.Contains("too few to compare", metric.Detail);
        Assert.Contains("--force-promote", metric.Detail);
        Assert.Null(gate.ChampionMetrics);
        Assert.Contains("not promoted", runs.Steps["d"]["publish"].Out);
    }
}
