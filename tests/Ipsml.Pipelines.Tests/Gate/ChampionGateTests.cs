using System.Text.Json;
using Ipsml.Pipelines.Evaluate;

namespace Ipsml.Pipelines.Tests.Gate;

/// <summary>The champion gate through the CLI: which runs it promotes, which it refuses, and what publish then does.</summary>
[Collection(ChampionRunsCollection.Name)]
public sealed class ChampionGateTests(ChampionRuns runs)
{
    private static string Quality(CandidateMetrics m) => JsonSerializer.Serialize(m.Quality);

    private EvaluationReport Metrics(string run) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(runs.Layout.Evaluate(runs.Run(run).Stages["evaluate"].Key).Metrics))!;

    [Fact]
    public void Every_stage_gate_and_publish_of_the_normal_runs_exit_zero()
    {
        foreach (var run in new[] { "w1", "n1", "w2", "n2" })
        {
            Assert.All(runs.Steps[run], kv => Assert.True(kv.Value.ExitCode == 0, $"{run} {kv.Key}: {kv.Value.Error}{kv.Value.Out}"));
        }
    }

    [Fact]
    public void First_model_passes_with_no_champion_and_becomes_latest()
    {
        var gate = runs.Gate("w1");

        Assert.True(gate.Passed);
        Assert.Null(gate.ChampionVersion);
        Assert.Null(gate.ChampionMetrics);
        Assert.Equal(["metric", "size", "latency"], gate.Checks.Select(c => c.Name));
        Assert.Contains("no champion yet", gate.Checks[0].Detail);
        Assert.Equal("1.0.1", runs.Latest["w1"]);
        var promotion = runs.Manifest("1.0.1").Promotion!;
        Assert.True(promotion.GatePassed);
        Assert.False(promotion.Forced);
        Assert.Null(promotion.Champion);
    }

    [Fact]
    public void Better_candidate_passes_against_the_champion_and_latest_moves_to_it()
    {
        var gate = runs.Gate("n1");

        Assert.True(gate.Passed, gate.Reasons);
        Assert.Equal("1.0.1", gate.ChampionVersion);
        Assert.True(gate.CandidateMetrics.Quality.PrAuc > gate.ChampionMetrics!.Quality.PrAuc);
        Assert.Equal("1.0.2", runs.Latest["n1"]);
        Assert.Equal("n1", runs.Manifest("1.0.2").RunId);
        Assert.Equal("1.0.1", runs.Manifest("1.0.2").Promotion!.Champion);
    }

    [Fact]
    public void Worse_candidate_is_refused_with_its_reason_and_latest_stays_on_the_champion()
    {
        var gate = runs.Gate("w2");
        var publish = runs.Steps["w2"]["publish"];

        Assert.False(gate.Passed);
        Assert.Equal("1.0.2", gate.ChampionVersion);
        var metric = Assert.Single(gate.Checks, c => !c.Passed);
        Assert.Equal("metric", metric.Name);
        Assert.Contains("prAuc", metric.Detail);
        Assert.Contains("< champion 1.0.2", metric.Detail);
        Assert.True(gate.CandidateMetrics.Quality.PrAuc < gate.ChampionMetrics!.Quality.PrAuc - gate.Tolerance);

        Assert.Equal(0, publish.ExitCode);
        Assert.Contains("not promoted", publish.Out);
        Assert.Contains("prAuc", publish.Out);
        Assert.Equal("1.0.2", runs.Latest["w2"]);
        var record = runs.W2AfterRefusal;
        Assert.Null(record.Published);
        Assert.Equal(gate.Reasons, record.NotPromoted);
        Assert.DoesNotContain(Directory.EnumerateDirectories(runs.Layout.ModelDir(ChampionRuns.Model)), d => File.Exists(Path.Combine(d, "manifest.json")) && runs.Manifest(Path.GetFileName(d)).RunId == "w2");
    }

    [Fact]
    public void Champion_is_rescored_with_its_own_vocabulary_and_threshold_and_matches_its_own_evaluation_on_the_same_rows()
    {
        // w2 and n1 share the dataset (same dataset section and seed), so the champion 1.0.2 (n1's winner) re-scored on
        // w2's test rows must reproduce n1's own test metrics exactly.
        Assert.Equal(runs.Run("n1").Stages["dataset"].Key, runs.Run("w2").Stages["dataset"].Key);
        var champion = runs.Gate("w2").ChampionMetrics!;
        var own = Metrics("n1");

        var comparison = runs.Gate("w2").Comparison!;
        Assert.Equal(0, comparison.Excluded);                 // same seed and split: every test row is unseen by both
        Assert.False(comparison.WinnerRescored);
        Assert.Equal(comparison.TestRows, comparison.Rows);
        Assert.Null(comparison.Warning);
        Assert.Equal(runs.Manifest("1.0.2").Threshold, champion.Quality.Threshold);
        Assert.Equal(Quality(own.Get(own.Winner)), Quality(champion));
        Assert.Equal(own.Winner, champion.Candidate);
        Assert.Equal(own.Get(own.Winner).Cost.SizeBytes, champion.Cost.SizeBytes);
    }

    [Fact]
    public void Winner_that_is_already_the_champion_passes_and_publishes_nothing_new()
    {
        var gate = runs.Gate("n2");

        Assert.True(gate.Passed);
        Assert.Equal("1.0.2", gate.ChampionVersion);
        Assert.Equal(Quality(gate.CandidateMetrics), Quality(gate.ChampionMetrics!));
        Assert.Contains("already published", runs.Steps["n2"]["publish"].Out);
        Assert.Equal("1.0.2", runs.Latest["n2"]);
    }

    [Fact]
    public void Publishing_before_the_gate_has_run_fails_and_names_the_command()
    {
        var publish = runs.Steps["w3"]["publish"];

        Assert.Equal(1, publish.ExitCode);
        Assert.Contains("gate.json", publish.Error);
        Assert.Contains("ipsml gate --run w3", publish.Error);
    }

    [Fact]
    public void Force_promote_publishes_a_refused_candidate_and_records_the_warning_in_manifest_and_card()
    {
        var gate = runs.Gate("w3");
        var forced = runs.Steps["w3"]["publish-forced"];

        Assert.False(gate.Passed);
        Assert.Equal(0, forced.ExitCode);
        Assert.Contains("Warning", forced.Error);
        Assert.Equal("1.0.3", runs.Latest["w3"]);
        var promotion = runs.Manifest("1.0.3").Promotion!;
        Assert.True(promotion.Forced);
        Assert.False(promotion.GatePassed);
        Assert.Contains("--force-promote", promotion.Warning);
        Assert.Contains(gate.Reasons, promotion.Warning);
        Assert.Contains(promotion.Checks, c => c.StartsWith("FAIL: metric: prAuc", StringComparison.Ordinal));
        var card = File.ReadAllText(Path.Combine(runs.Layout.ModelVersionDir(ChampionRuns.Model, "1.0.3"), "MODEL_CARD.md"));
        Assert.Contains("**Warning:** promoted with --force-promote", card);
    }

    [Fact]
    public void A_gate_decision_made_against_an_older_champion_is_refused_even_when_forced()
    {
        Assert.Equal("1.0.2", runs.Gate("s").ChampionVersion);
        Assert.Equal(1, runs.StaleForcedPublish.ExitCode);
        Assert.Contains("compared with champion 1.0.2 but the latest version is now 1.0.3", runs.StaleForcedPublish.Error);
        Assert.Contains("ipsml gate --run s", runs.StaleForcedPublish.Error);
        Assert.Equal("1.0.3", File.ReadAllText(runs.Layout.LatestModelPointer(ChampionRuns.Model)).Trim());
    }

    [Fact]
    public void Publishing_a_refused_run_whose_winner_a_later_run_promoted_reports_the_existing_version()
    {
        // w2 was refused; w3 (same experiment, same trained model) was then forced to 1.0.3. The model w2 would
        // publish is already the latest, so publish says so instead of making a copy.
        Assert.Equal(0, runs.RefusedThenPublishedElsewhere.ExitCode);
        Assert.Contains("fixture-model 1.0.3 already published", runs.RefusedThenPublishedElsewhere.Out);
    }

    [Fact]
    public void Size_budget_from_the_experiment_refuses_even_a_first_model()
    {
        var gate = runs.Gate("budget");
        var publish = runs.Steps["budget"]["publish"];

        Assert.False(gate.Passed);
        Assert.Equal(1000, gate.MaxSizeBytes);
        Assert.Equal(0.01, gate.Tolerance);
        Assert.Equal(["size"], gate.Checks.Where(c => !c.Passed).Select(c => c.Name));
        Assert.Contains("> budget 1000 B", gate.Checks[1].Detail);
        Assert.Equal(0, publish.ExitCode);
        Assert.Contains("not promoted: model size", publish.Out);
        Assert.False(File.Exists(runs.Layout.LatestModelPointer("budget-model")));
    }

    [Fact]
    public void Gate_prints_its_verdict_and_every_check()
    {
        var refused = runs.Steps["w2"]["gate"].Out;
        Assert.Contains("gate: weak against champion fixture-model 1.0.2: failed", refused);
        Assert.Contains("FAIL metric: prAuc", refused);
        Assert.Contains("pass size:", refused);
        Assert.Contains("pass latency:", refused);
        Assert.Contains("gate: weak against no champion yet: passed", runs.Steps["w1"]["gate"].Out);
    }
}
