using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Training;
using Ipsml.Training.Candidates;

namespace Ipsml.Models.Tests.Candidates;

public sealed class RandomForestTrainerTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-rf-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    private static TrainingData Data() => new(SyntheticData.Rows(3000, 1), SyntheticData.Rows(1000, 2), SyntheticData.Vocabulary());

    private TrainedCandidate Train(string name, JsonObject? parameters = null) =>
        new RandomForestTrainer().Train(
            new CandidateSpec(name, RandomForestTrainer.KindName, FeatureSchema.DefaultColumns, parameters ?? new JsonObject { ["trees"] = 20, ["leaves"] = 8 }, Seed: 7),
            Data(),
            Path.Combine(dir, name),
            progress: null,
            CancellationToken.None);

    [Fact]
    public void Trained_forest_loads_through_the_scoring_library_and_separates_the_classes()
    {
        var trained = Train("rf");
        using var model = ModelLoader.Load(trained.ModelDir);
        var test = SyntheticData.Rows(500, 3);
        var scores = model.Score(test);

        Assert.Equal("mlnet", model.Kind);
        Assert.All(scores, s => Assert.InRange(s, 0f, 1f));
        var accuracy = test.Zip(scores).Count(t => t.First.Label == t.Second >= 0.5f) / (double)test.Count;
        Assert.True(accuracy > 0.85, $"accuracy {accuracy}");
        Assert.True(trained.SizeBytes > 0);
        Assert.Equal(trained.SizeBytes, ModelLoader.SizeOnDisk(trained.ModelDir));
    }

    [Fact]
    public void Small_batches_through_the_prediction_engine_score_like_large_ones()
    {
        using var model = ModelLoader.Load(Train("rf").ModelDir);
        var rows = SyntheticData.Rows(200, 5);
        var large = model.Score(rows);
        var small = rows.Chunk(10).SelectMany(chunk => model.Score(chunk)).ToArray();
        Assert.Equal(large, small);
    }

    [Fact]
    public void Same_seed_and_data_give_identical_scores()
    {
        var a = Train("a");
        var b = Train("b");
        using var ma = ModelLoader.Load(a.ModelDir);
        using var mb = ModelLoader.Load(b.ModelDir);
        var test = SyntheticData.Rows(300, 4);
        Assert.Equal(ma.Score(test), mb.Score(test));
    }

    [Fact]
    public void Model_json_records_columns_and_parameters_with_defaults_filled_in()
    {
        var trained = Train("rf");
        var description = ModelDescription.Load(trained.ModelDir);
        Assert.Equal("random-forest", description.Trainer);
        Assert.Equal(FeatureSchema.DefaultColumns, description.Columns);
        Assert.Equal(20, description.Parameters["trees"]!.GetValue<int>());
        Assert.Equal(10, description.Parameters["minLeafRows"]!.GetValue<int>());
    }

    [Fact]
    public void Unknown_parameter_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Train("rf", new JsonObject { ["tress"] = 10 }));
        Assert.Contains("tress", e.Message);
    }

    [Fact]
    public void Out_of_range_parameter_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Train("rf", new JsonObject { ["trees"] = 0 }));
        Assert.Contains("'trees'", e.Message);
    }
}
