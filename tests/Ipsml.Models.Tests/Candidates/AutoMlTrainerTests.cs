using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Training;
using Ipsml.Training.Candidates;
using Ipsml.Training.Evaluation;

namespace Ipsml.Models.Tests.Candidates;

public sealed class AutoMlTrainerTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-automl-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    private static TrainingData Data() => new(SyntheticData.Rows(3000, 1), SyntheticData.Rows(1000, 2), SyntheticData.Vocabulary());

    // 3000 rows, eta 3, minRows 300 allow 3 rungs, but 7 trials fit only 2 with a real cut: 5 configurations
    // (every trainer's defaults) on 1000 rows, then the best 2 on all 3000 rows.
    private static JsonObject SmallBudget() => new() { ["maxTrials"] = 7, ["minRows"] = 300 };

    private TrainedCandidate Train(string name, JsonObject? parameters = null, int seed = 7, AutoMlTrainer? trainer = null, IProgress<string>? progress = null) =>
        (trainer ?? new AutoMlTrainer()).Train(
            new CandidateSpec(name, AutoMlTrainer.KindName, FeatureSchema.DefaultColumns, parameters ?? SmallBudget(), seed),
            Data(),
            Path.Combine(dir, name),
            progress,
            CancellationToken.None);

    /// <summary>The details without wall-clock fields, which are the only ones allowed to differ between runs.</summary>
    private static string WithoutTimes(JsonNode node)
    {
        var copy = node.DeepClone();
        Strip(copy);
        return copy.ToJsonString();

        static void Strip(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o:
                    o.Remove("seconds");
                    o.Remove("searchSeconds");
                    foreach (var kv in o)
                    {
                        Strip(kv.Value);
                    }

                    break;
                case JsonArray a:
                    foreach (var item in a)
                    {
                        Strip(item);
                    }

                    break;
            }
        }
    }

    [Fact]
    public void Search_result_loads_through_the_scoring_library_scores_probabilities_and_beats_chance_by_far()
    {
        var trained = Train("automl");
        using var model = ModelLoader.Load(trained.ModelDir);
        var test = SyntheticData.Rows(1000, 3);
        var scores = model.Score(test);
        var labels = test.Select(r => r.Label).ToList();

        Assert.Equal("mlnet", model.Kind);
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        // 10% of the synthetic labels are noise, so 0.9 accuracy is the ceiling; chance is 0.5 for both metrics.
        var accuracy = test.Zip(scores).Count(t => t.First.Label == t.Second >= 0.5f) / (double)test.Count;
        Assert.True(accuracy > 0.85, $"accuracy {accuracy}");
        Assert.True(BinaryMetrics.RocAuc(labels, scores) > 0.85, $"ROC-AUC {BinaryMetrics.RocAuc(labels, scores)}");
        Assert.Equal(trained.SizeBytes, ModelLoader.SizeOnDisk(trained.ModelDir));
        Assert.Equal("automl", trained.Kind);
    }

    [Fact]
    public void Details_log_every_trial_with_its_rung_rows_metric_and_size_and_respect_max_trials()
    {
        var details = Train("automl").Details;
        var trials = details["trials"]!.AsArray();
        var budget = details["budget"]!.AsObject();

        Assert.Equal("prAuc", details["metric"]!.GetValue<string>());
        Assert.Equal(7, trials.Count);
        Assert.Equal(7, budget["plannedTrials"]!.GetValue<int>());
        Assert.Equal("trials", budget["stoppedBy"]!.GetValue<string>());
        Assert.Equal(
            ["fastForest", "fastTree", "lightGbm", "sdcaLogistic", "lbfgsLogistic"],
            trials.Take(5).Select(t => t!["trainer"]!.GetValue<string>()));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1], trials.Select(t => t!["rung"]!.GetValue<int>()));
        Assert.Equal([1000, 1000, 1000, 1000, 1000, 3000, 3000], trials.Select(t => t!["rows"]!.GetValue<int>()));
        Assert.All(trials, t => Assert.InRange(t!["metric"]!.GetValue<double>(), 0.5, 1.0));
        Assert.All(trials, t => Assert.True(t!["sizeBytes"]!.GetValue<long>() > 1000));
        Assert.All(trials, t => Assert.NotNull(t!["parameters"]!["trees"] ?? t["parameters"]!["l2"]));

        // Rung 1 holds exactly the two best of rung 0, in rank order, and they are marked promoted.
        var rung0 = trials.Take(5).OrderByDescending(t => t!["metric"]!.GetValue<double>()).ToList();
        Assert.Equal(rung0.Take(2).Select(t => t!["parameters"]!.ToJsonString()), trials.Skip(5).Select(t => t!["parameters"]!.ToJsonString()));
        Assert.Equal(2, trials.Take(5).Count(t => t!["promoted"]!.GetValue<bool>()));

        // The best is the better of the last rung, trained on all rows, so nothing was re-trained.
        var best = details["best"]!.AsObject();
        var winner = trials.Skip(5).MaxBy(t => t!["metric"]!.GetValue<double>())!;
        Assert.Equal(winner["trial"]!.GetValue<int>(), best["trial"]!.GetValue<int>());
        Assert.Equal(winner["metric"]!.GetValue<double>(), best["metric"]!.GetValue<double>());
        Assert.Equal(3000, best["rows"]!.GetValue<int>());
        Assert.False(best["retrained"]!.GetValue<bool>());
    }

    [Fact]
    public void Model_json_names_kind_mlnet_trainer_automl_and_the_chosen_trainer_with_its_parameters()
    {
        var trained = Train("automl");
        var description = ModelDescription.Load(trained.ModelDir);
        var best = trained.Details["best"]!;

        Assert.Equal("mlnet", description.Kind);
        Assert.Equal("automl", description.Trainer);
        Assert.Equal(FeatureSchema.DefaultColumns, description.Columns);
        Assert.Equal(best["trainer"]!.GetValue<string>(), description.Parameters["trainer"]!.GetValue<string>());
        Assert.Equal(best["parameters"]!.ToJsonString(), description.Parameters["trainerParameters"]!.ToJsonString());
        Assert.Equal(7, description.Parameters["search"]!["maxTrials"]!.GetValue<int>());
        Assert.Equal(120, description.Parameters["search"]!["maxSeconds"]!.GetValue<double>());
        Assert.Equal(5, description.Parameters["search"]!["trainers"]!.AsArray().Count);
        Assert.Equal(new FileInfo(Path.Combine(trained.ModelDir, "model.zip")).Length, best["sizeBytes"]!.GetValue<long>());
    }

    [Fact]
    public void Same_seed_gives_identical_trial_logs_and_identical_scores()
    {
        var parameters = new JsonObject { ["maxTrials"] = 10, ["minRows"] = 300 };
        var a = Train("a", parameters);
        var b = Train("b", parameters.DeepClone().AsObject());
        using var ma = ModelLoader.Load(a.ModelDir);
        using var mb = ModelLoader.Load(b.ModelDir);
        var test = SyntheticData.Rows(500, 4);

        Assert.Equal(WithoutTimes(a.Details), WithoutTimes(b.Details));
        Assert.Equal(ma.Score(test), mb.Score(test));
    }

    [Fact]
    public void Another_seed_samples_other_configurations()
    {
        // 10 trials: 7 + 3; after the five defaults, two random configurations per seed.
        var parameters = new JsonObject { ["maxTrials"] = 10, ["minRows"] = 300 };
        static IEnumerable<string> Sampled(TrainedCandidate t) => t.Details["trials"]!.AsArray().Skip(5).Take(2).Select(x => x!["parameters"]!.ToJsonString());
        Assert.NotEqual(Sampled(Train("a", parameters, seed: 1)), Sampled(Train("b", parameters.DeepClone().AsObject(), seed: 2)));
    }

    [Fact]
    public void Spent_time_budget_stops_the_search_and_the_best_is_retrained_on_all_rows()
    {
        // A fake clock that jumps past the budget once the first trial has been reported.
        var trials = 0;
        var progress = new SyncProgress(m => trials += m.Contains(": trial ", StringComparison.Ordinal) ? 1 : 0);
        var trainer = new AutoMlTrainer(() => trials == 0 ? 0 : 1e6);
        var trained = Train("automl", new JsonObject { ["maxTrials"] = 7, ["minRows"] = 300, ["maxSeconds"] = 60 }, trainer: trainer, progress: progress);

        var details = trained.Details;
        Assert.Single(details["trials"]!.AsArray());
        Assert.Equal("time", details["budget"]!["stoppedBy"]!.GetValue<string>());
        Assert.Equal(1000, details["trials"]![0]!["rows"]!.GetValue<int>());
        Assert.True(details["best"]!["retrained"]!.GetValue<bool>());
        Assert.Equal(3000, details["best"]!["rows"]!.GetValue<int>());
        using var model = ModelLoader.Load(trained.ModelDir);
        Assert.All(model.Score(SyntheticData.Rows(100, 5)), s => Assert.InRange(s, 0f, 1f));
    }

    [Fact]
    public void Roc_auc_can_rank_the_trials_instead_of_pr_auc()
    {
        var details = Train("automl", new JsonObject { ["maxTrials"] = 2, ["minRows"] = 5000, ["trainers"] = new JsonArray("fastTree"), ["metric"] = "rocAuc" }).Details;
        Assert.Equal("rocAuc", details["metric"]!.GetValue<string>());

        // Recompute the saved model's ROC-AUC on the validation split by hand.
        using var model = ModelLoader.Load(Path.Combine(dir, "automl"));
        var valid = Data().Valid;
        var expected = BinaryMetrics.RocAuc([.. valid.Select(r => r.Label)], model.Score(valid));
        Assert.Equal(expected, details["best"]!["metric"]!.GetValue<double>(), 6);
    }

    [Fact]
    public void Validation_split_with_one_class_is_refused_with_a_clear_message()
    {
        var data = new TrainingData(SyntheticData.Rows(300, 1), [.. SyntheticData.Rows(300, 2).Where(r => r.Label)], SyntheticData.Vocabulary());
        var e = Assert.Throws<ArgumentException>(() => new AutoMlTrainer().Train(
            new CandidateSpec("automl", AutoMlTrainer.KindName, FeatureSchema.DefaultColumns, SmallBudget(), 1), data, Path.Combine(dir, "x"), null, CancellationToken.None));
        Assert.Contains("validation split needs both classes", e.Message);
    }

    [Fact]
    public void Experiment_kind_automl_resolves_to_this_trainer()
    {
        Assert.IsType<AutoMlTrainer>(CandidateTrainers.Get("automl"));
        Assert.Contains("automl", CandidateTrainers.Names);
    }

    private sealed class SyncProgress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
