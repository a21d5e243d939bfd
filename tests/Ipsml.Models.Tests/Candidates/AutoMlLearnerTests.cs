using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Training;
using Ipsml.Training.Candidates;
using Ipsml.Training.Evaluation;
using Microsoft.ML;
using Microsoft.ML.Calibrators;

namespace Ipsml.Models.Tests.Candidates;

/// <summary>Each trainer the search can pick, alone: seeded determinism, calibrated probabilities, real signal.</summary>
public sealed class AutoMlLearnerTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-automl-learner-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    public static TheoryData<string> Trainers() => [.. AutoMlLearners.Names];

    // One rung (minRows above the data size) of two configurations on all rows: the trainer's defaults and one random sample.
    private TrainedCandidate Train(string trainer, string name) =>
        new AutoMlTrainer().Train(
            new CandidateSpec(name, AutoMlTrainer.KindName, FeatureSchema.DefaultColumns, new JsonObject { ["trainers"] = new JsonArray(trainer), ["maxTrials"] = 2, ["minRows"] = 5000 }, Seed: 3),
            new TrainingData(SyntheticData.Rows(3000, 1), SyntheticData.Rows(1000, 2), SyntheticData.Vocabulary()),
            Path.Combine(dir, name),
            progress: null,
            CancellationToken.None);

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Trainer_with_the_same_seed_gives_bit_identical_scores(string trainer)
    {
        var a = Train(trainer, "a");
        var b = Train(trainer, "b");
        using var ma = ModelLoader.Load(a.ModelDir);
        using var mb = ModelLoader.Load(b.ModelDir);
        var test = SyntheticData.Rows(500, 4);

        Assert.Equal(trainer, a.Details["best"]!["trainer"]!.GetValue<string>());
        Assert.Equal(
            a.Details["trials"]!.AsArray().Select(t => t!["metric"]!.GetValue<double>()),
            b.Details["trials"]!.AsArray().Select(t => t!["metric"]!.GetValue<double>()));
        Assert.Equal(ma.Score(test), mb.Score(test));
    }

    [Theory]
    [MemberData(nameof(Trainers))]
    public void Trainer_gives_calibrated_probabilities_that_separate_the_classes(string trainer)
    {
        using var model = ModelLoader.Load(Train(trainer, "m").ModelDir);
        var test = SyntheticData.Rows(2000, 5);
        var labels = test.Select(r => r.Label).ToList();
        var scores = model.Score(test);

        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        Assert.True(BinaryMetrics.RocAuc(labels, scores) > 0.85, $"ROC-AUC {BinaryMetrics.RocAuc(labels, scores)}");
        // 10% label noise: a calibrated model says about 0.9 where it is sure; a raw score would not average near the base rate.
        var calibration = BinaryMetrics.Calibrate(labels, scores);
        Assert.True(calibration.ExpectedCalibrationError < 0.08, $"ECE {calibration.ExpectedCalibrationError}");
        Assert.InRange(scores.Average(), labels.Average(l => l ? 1.0 : 0.0) - 0.05, labels.Average(l => l ? 1.0 : 0.0) + 0.05);
    }

    [Fact]
    public void Forest_is_saved_as_one_flat_chain_ending_in_the_platt_calibrator()
    {
        var trained = Train("fastForest", "m");
        var loaded = new MLContext(0).Model.Load(Path.Combine(trained.ModelDir, "model.zip"), out _);

        var parts = Assert.IsAssignableFrom<IEnumerable<ITransformer>>(loaded).ToList();
        Assert.DoesNotContain(parts, p => p is IEnumerable<ITransformer>);
        Assert.IsType<PlattCalibratorTransformer>(parts[^1]);
    }
}
