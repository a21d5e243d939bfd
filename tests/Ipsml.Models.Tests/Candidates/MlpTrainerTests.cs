using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Ipsml.Training;
using Ipsml.Training.Candidates;
using Ipsml.Training.Evaluation;

namespace Ipsml.Models.Tests.Candidates;

public sealed class MlpTrainerTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-mlp-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    private static readonly TrainingData Data = new(SyntheticData.Rows(3000, 1), SyntheticData.Rows(1000, 2), SyntheticData.Vocabulary());

    private static JsonObject Small() => new() { ["hidden"] = "16,8", ["embedding"] = 4, ["epochs"] = 12, ["learningRate"] = 0.01, ["patience"] = 3 };

    private static CandidateSpec Spec(JsonObject? parameters = null, IReadOnlyList<string>? columns = null, int seed = 7) =>
        new("mlp", MlpTrainer.KindName, columns ?? FeatureSchema.DefaultColumns, parameters ?? Small(), seed);

    private TrainedCandidate Train(string name, JsonObject? parameters = null, IReadOnlyList<string>? columns = null) =>
        new MlpTrainer().Train(Spec(parameters, columns), Data, Path.Combine(dir, name), progress: null, CancellationToken.None);

    /// <summary>Rows of the synthetic test set plus values outside every table (ids past "other", hour 30, NaN latitude).</summary>
    private static List<FeatureRow> TestRows()
    {
        var rows = SyntheticData.Rows(500, 3);
        rows.Add(new FeatureRow { Hour = 30, Country = 99, TimeZone = -4, Asn = 1000, Latitude = float.NaN, Longitude = 400 });
        rows.Add(new FeatureRow { Hour = -1, Country = 0, TimeZone = 0, Asn = 0 });
        return rows;
    }

    [Fact]
    public void Trained_mlp_loads_through_the_scoring_library_and_separates_the_classes()
    {
        var trained = Train("mlp");
        using var model = ModelLoader.Load(trained.ModelDir);
        var test = SyntheticData.Rows(500, 3);
        var scores = model.Score(test);

        Assert.Equal("mlp", model.Kind);
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        var accuracy = test.Zip(scores).Count(t => t.First.Label == t.Second >= 0.5f) / (double)test.Count;
        Assert.True(accuracy > 0.85, $"accuracy {accuracy}");
        Assert.Equal(trained.SizeBytes, ModelLoader.SizeOnDisk(trained.ModelDir));
    }

    [Fact]
    public void Csharp_forward_pass_equals_TorchSharp_forward_output_within_1e5()
    {
        using var fit = MlpTrainer.Fit(Spec(new JsonObject { ["hidden"] = "64,32", ["epochs"] = 5 }, FeatureSchema.AllColumns), Data, null, CancellationToken.None);
        var rows = TestRows();
        rows.Add(new FeatureRow { Hour = 3, Country = 2, TimeZone = 2, Asn = 5, Latitude = 10, Longitude = 20, IpPrefix = 16777215 });

        var torch = fit.TorchScores(rows);
        var csharp = new MlpScoringModel(fit.Network).Score(rows);

        Assert.Equal(rows.Count, csharp.Length);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.True(Math.Abs(torch[i] - csharp[i]) <= 1e-5, $"row {i}: TorchSharp {torch[i]:R}, C# {csharp[i]:R}");
        }

        // Not a vacuous comparison: the network gives different scores to different rows.
        Assert.True(csharp.Max() - csharp.Min() > 0.5, $"scores span {csharp.Min()}..{csharp.Max()}");
    }

    [Fact]
    public void Same_seed_gives_bit_identical_weights_and_scores()
    {
        var a = Train("a");
        var b = Train("b");

        Assert.Equal(File.ReadAllBytes(Path.Combine(a.ModelDir, MlpNetwork.WeightsFile)), File.ReadAllBytes(Path.Combine(b.ModelDir, MlpNetwork.WeightsFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(a.ModelDir, MlpNetwork.LayoutFile)), File.ReadAllText(Path.Combine(b.ModelDir, MlpNetwork.LayoutFile)));
        Assert.Equal(a.Details.ToJsonString(), b.Details.ToJsonString());
        using var ma = ModelLoader.Load(a.ModelDir);
        using var mb = ModelLoader.Load(b.ModelDir);
        var rows = TestRows();
        Assert.Equal(ma.Score(rows), mb.Score(rows));
    }

    [Fact]
    public void Another_seed_gives_other_weights()
    {
        using var a = MlpTrainer.Fit(Spec(seed: 1), Data, null, CancellationToken.None);
        using var b = MlpTrainer.Fit(Spec(seed: 2), Data, null, CancellationToken.None);
        Assert.NotEqual(a.Network.Layers[0].Weight, b.Network.Layers[0].Weight);
    }

    [Fact]
    public void Saved_model_loads_with_identical_scores_and_matches_TorchSharp()
    {
        using var fit = MlpTrainer.Fit(Spec(), Data, null, CancellationToken.None);
        var modelDir = Path.Combine(dir, "saved");
        MlpTrainer.Save(fit, Spec(), modelDir);
        using var loaded = ModelLoader.Load(modelDir);
        var rows = TestRows();

        var inMemory = new MlpScoringModel(fit.Network).Score(rows);
        var fromDisk = loaded.Score(rows);

        Assert.Equal(inMemory, fromDisk);
        var torch = fit.TorchScores(rows);
        Assert.All(Enumerable.Range(0, rows.Count), i => Assert.True(Math.Abs(torch[i] - fromDisk[i]) <= 1e-5, $"row {i}"));
    }

    [Fact]
    public void Kept_weights_are_those_of_the_best_validation_epoch()
    {
        var trained = Train("mlp", new JsonObject { ["hidden"] = "16", ["embedding"] = 2, ["epochs"] = 40, ["learningRate"] = 0.05, ["patience"] = 2 });
        var d = trained.Details;
        var perEpoch = d["validPrAuc"]!.AsArray().Select(n => n!.GetValue<double>()).ToList();
        var epochsRun = d["epochsRun"]!.GetValue<int>();
        var bestEpoch = d["bestEpoch"]!.GetValue<int>();

        Assert.Equal(epochsRun, perEpoch.Count);
        Assert.Equal(epochsRun, d["trainLoss"]!.AsArray().Count);
        Assert.Equal(perEpoch.Max(), perEpoch[bestEpoch - 1]);
        Assert.Equal(perEpoch.IndexOf(perEpoch.Max()) + 1, bestEpoch); // first epoch reaching the best
        if (d["stoppedEarly"]!.GetValue<bool>())
        {
            Assert.Equal(2, epochsRun - bestEpoch);
        }
        else
        {
            Assert.Equal(40, epochsRun);
        }

        // The saved model scores the validation split at the recorded best PR-AUC.
        using var model = ModelLoader.Load(trained.ModelDir);
        var ap = BinaryMetrics.AveragePrecision(Data.Valid.Select(r => r.Label).ToList(), model.Score(Data.Valid));
        Assert.Equal(d["bestValidPrAuc"]!.GetValue<double>(), ap, 1e-5);
    }

    [Fact]
    public void Details_record_epochs_and_parameter_count()
    {
        var trained = Train("mlp");
        using var model = (MlpScoringModel)ModelLoader.Load(trained.ModelDir);

        // Tables: hour 25, time zone 6+2, country 6+2, ASN 18+2 rows of 4; layers 18→16→8→1.
        var expected = ((25 + 8 + 8 + 20) * 4) + ((18 * 16) + 16) + ((16 * 8) + 8) + (8 + 1);
        Assert.Equal(expected, trained.Details["parameterCount"]!.GetValue<long>());
        Assert.Equal(expected, model.Network.ParameterCount);
        Assert.Equal(expected * 4L, new FileInfo(Path.Combine(trained.ModelDir, MlpNetwork.WeightsFile)).Length);
        Assert.InRange(trained.Details["epochsRun"]!.GetValue<int>(), 1, 12);
    }

    [Fact]
    public void Model_json_records_kind_columns_and_parameters_with_defaults_filled_in()
    {
        var trained = Train("mlp");
        var description = ModelDescription.Load(trained.ModelDir);

        Assert.Equal("mlp", description.Kind);
        Assert.Equal("mlp", description.Trainer);
        Assert.Equal(FeatureSchema.DefaultColumns, description.Columns);
        Assert.Equal("16,8", description.Parameters["hidden"]!.GetValue<string>());
        Assert.Equal(256, description.Parameters["batchSize"]!.GetValue<int>());
        Assert.Equal(0.0, description.Parameters["dropout"]!.GetValue<double>());
        Assert.Equal(1, description.Parameters["threads"]!.GetValue<int>());
    }

    [Fact]
    public void Truncated_weights_file_is_refused_naming_the_file()
    {
        var trained = Train("mlp");
        var weights = Path.Combine(trained.ModelDir, MlpNetwork.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..^3]);

        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(trained.ModelDir));
        Assert.Contains(weights, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Unknown_parameter_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Train("mlp", new JsonObject { ["hiden"] = "8" }));
        Assert.Contains("hiden", e.Message);
        Assert.False(Directory.Exists(Path.Combine(dir, "mlp")));
    }

    [Theory]
    [InlineData("64,x")]
    [InlineData("64,,32")]
    [InlineData("0")]
    [InlineData("-8")]
    public void Malformed_hidden_layer_list_is_refused(string hidden)
    {
        var e = Assert.Throws<ArgumentException>(() => Train("mlp", new JsonObject { ["hidden"] = hidden }));
        Assert.Contains("'hidden'", e.Message);
    }

    [Fact]
    public void Out_of_range_parameter_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Train("mlp", new JsonObject { ["dropout"] = 0.95 }));
        Assert.Contains("'dropout'", e.Message);
    }

    [Fact]
    public void Negative_row_weight_is_refused_naming_the_row()
    {
        var rows = SyntheticData.Rows(50, 1);
        rows[17].Weight = -1;
        var e = Assert.Throws<ArgumentException>(() => MlpTrainer.Fit(Spec(), Data with { Train = rows }, null, CancellationToken.None));
        Assert.Contains("row 17", e.Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_both_classes_in_validation_the_last_epoch_is_kept(bool keptClass)
    {
        var oneClass = Data with { Valid = [.. Data.Valid.Where(r => r.Label == keptClass)] };
        using var fit = MlpTrainer.Fit(Spec(new JsonObject { ["epochs"] = 4, ["patience"] = 1 }), oneClass, null, CancellationToken.None);

        Assert.Equal(4, fit.Details["epochsRun"]!.GetValue<int>());
        Assert.Equal(4, fit.Details["bestEpoch"]!.GetValue<int>());
        Assert.All(fit.Details["validPrAuc"]!.AsArray(), n => Assert.Null(n));
        Assert.Null(fit.Details["bestValidPrAuc"]);
    }

    [Fact]
    public void Hidden_layers_may_be_left_out()
    {
        using var fit = MlpTrainer.Fit(Spec(new JsonObject { ["hidden"] = "", ["epochs"] = 3 }), Data, null, CancellationToken.None);
        var layer = Assert.Single(fit.Network.Layers);

        // Four tables of the default width 8, then latitude and longitude.
        Assert.Equal((34, 1, MlpDenseLayer.Sigmoid), (layer.Inputs, layer.Outputs, layer.Activation));
    }

    [Fact]
    public void Only_numeric_columns_train_without_embeddings()
    {
        using var fit = MlpTrainer.Fit(Spec(new JsonObject { ["hidden"] = "8", ["epochs"] = 2 }, [nameof(FeatureRow.Latitude), nameof(FeatureRow.Longitude)]), Data, null, CancellationToken.None);
        Assert.Empty(fit.Network.Embeddings);
        Assert.Equal([90f, 180f], fit.Network.Numeric.Select(n => n.Divisor));
        var rows = TestRows();
        var torch = fit.TorchScores(rows);
        var csharp = new MlpScoringModel(fit.Network).Score(rows);
        Assert.All(Enumerable.Range(0, rows.Count), i => Assert.True(Math.Abs(torch[i] - csharp[i]) <= 1e-5, $"row {i}"));
    }

    [Fact]
    public void Progress_reports_every_epoch()
    {
        var messages = new List<string>();
        var trained = new MlpTrainer().Train(Spec(), Data, Path.Combine(dir, "p"), new SyncProgress(messages), CancellationToken.None);
        var epochs = trained.Details["epochsRun"]!.GetValue<int>();
        Assert.Equal(epochs, messages.Count(m => m.Contains(" epoch ", StringComparison.Ordinal)));
        Assert.Contains($"epoch {epochs}/12", messages.Last());
    }

    [Fact]
    public void Cancellation_stops_training()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => MlpTrainer.Fit(Spec(), Data, null, cts.Token));
    }

    [Fact]
    public void Trainer_is_registered_under_its_kind()
    {
        Assert.IsType<MlpTrainer>(CandidateTrainers.Get("mlp"));
        Assert.Contains("mlp", CandidateTrainers.Names);
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; tests need the messages in order, at once.</summary>
    private sealed class SyncProgress(List<string> messages) : IProgress<string>
    {
        public void Report(string value) => messages.Add(value);
    }
}
