using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Onnx;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Ipsml.Training;
using Ipsml.Training.Candidates;
using Microsoft.ML;

namespace Ipsml.Models.Tests.Onnx;

public sealed class OnnxExporterTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-onnx-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(dir))
        {
            Directory.Delete(dir, true);
        }
    }

    private static TrainingData Data() => new(SyntheticData.Rows(2000, 1), SyntheticData.Rows(600, 2), SyntheticData.Vocabulary());

    /// <summary>Held-out synthetic rows plus the unknown and "other" edge rows publish adds.</summary>
    private static List<FeatureRow> VerificationRows() => [.. SyntheticData.Rows(400, 3), .. OnnxExporter.EdgeRows(SyntheticData.Vocabulary())];

    private string TrainForest(IReadOnlyList<string> columns) =>
        new RandomForestTrainer().Train(
            new CandidateSpec("rf", RandomForestTrainer.KindName, columns, new JsonObject { ["trees"] = 20, ["leaves"] = 8 }, Seed: 7),
            Data(),
            Path.Combine(dir, "rf"),
            progress: null,
            CancellationToken.None).ModelDir;

    /// <summary>Scores both ways outside the exporter: the native runtime through the scoring library, the file through ONNX Runtime.</summary>
    private static double IndependentMaxDifference(string modelDir, IReadOnlyList<FeatureRow> rows)
    {
        using var native = ModelLoader.Load(modelDir);
        using var onnx = new OnnxRuntimeScorer(Path.Combine(modelDir, OnnxExporter.FileName));
        return native.Score(rows).Zip(onnx.Score(rows)).Max(t => Math.Abs((double)t.First - t.Second));
    }

    [Fact]
    public void Random_forest_with_platt_calibrator_exports_and_onnx_runtime_agrees_with_mlnet_within_1e4()
    {
        var modelDir = TrainForest(FeatureSchema.DefaultColumns);
        var rows = VerificationRows();

        var info = OnnxExporter.Export(modelDir, rows);

        Assert.True(File.Exists(Path.Combine(modelDir, OnnxExporter.FileName)));
        Assert.Equal(rows.Count, info.Verification.Rows);
        Assert.InRange(info.Verification.MaxAbsDifference, 0, 1e-4);
        Assert.True(IndependentMaxDifference(modelDir, rows) <= 1e-4);
        // Probabilities, not raw forest scores: the calibrator is in the graph.
        using var onnx = new OnnxRuntimeScorer(Path.Combine(modelDir, OnnxExporter.FileName));
        Assert.All(onnx.Score(rows), p => Assert.InRange(p, 0f, 1f));
    }

    [Fact]
    public void Export_asks_for_exactly_the_model_columns_without_label_or_weight()
    {
        var modelDir = TrainForest([nameof(FeatureRow.Hour), nameof(FeatureRow.Country)]);

        var info = OnnxExporter.Export(modelDir, VerificationRows());

        Assert.Equal([nameof(FeatureRow.Hour), nameof(FeatureRow.Country)], info.Inputs.Select(i => i.Name));
        Assert.All(info.Inputs, i => Assert.Equal("float32 [-1, 1]", $"{i.Type} [{string.Join(", ", i.Shape)}]"));
        Assert.Equal(OnnxExporter.ProbabilityOutput, info.Output.Name);
        Assert.Equal(OnnxExporter.FileName, info.File);
        Assert.Equal("ML.NET OnnxConverter", info.Producer);
        // ML.NET's converter writes opsets 9–12 and puts tree ensembles in the ai.onnx.ml domain.
        Assert.InRange(info.Opset, 9, 12);
        Assert.True(info.OtherOpsets.ContainsKey("ai.onnx.ml"), string.Join(", ", info.OtherOpsets.Keys));
    }

    [Theory]
    [InlineData("fastForest")]
    [InlineData("fastTree")]
    [InlineData("lightGbm")]
    [InlineData("sdcaLogistic")]
    [InlineData("lbfgsLogistic")]
    public void Every_automl_trainer_pipeline_exports_and_agrees_with_mlnet(string trainer)
    {
        var trained = new AutoMlTrainer().Train(
            new CandidateSpec("automl", AutoMlTrainer.KindName, FeatureSchema.DefaultColumns, new JsonObject { ["maxTrials"] = 1, ["trainers"] = trainer }, Seed: 7),
            Data(),
            Path.Combine(dir, trainer),
            progress: null,
            CancellationToken.None);
        var rows = VerificationRows();

        var info = OnnxExporter.Export(trained.ModelDir, rows);

        Assert.InRange(info.Verification.MaxAbsDifference, 0, 1e-4);
        Assert.True(IndependentMaxDifference(trained.ModelDir, rows) <= 1e-4);
        Assert.Equal(FeatureSchema.DefaultColumns.Order(), info.Inputs.Select(i => i.Name).Order());
    }

    /// <summary>The network of MlpScoringModelTests: Country (4 rows, 2-d) + Latitude / 90 → 2 ReLU → 1 sigmoid.</summary>
    private string SaveHandMlp()
    {
        var network = new MlpNetwork(
            [new MlpEmbedding(nameof(FeatureRow.Country), Rows: 4, Dim: 2, Offset: 0, OutOfRange: 3, [0, 0, 1, 0, 0, 1, -1, -1])],
            [new MlpNumericInput(nameof(FeatureRow.Latitude), 90)],
            [
                new MlpDenseLayer(3, 2, MlpDenseLayer.Relu, [1, 2, 0.9f, -1, 1, 0], [0.5f, -0.25f]),
                new MlpDenseLayer(2, 1, MlpDenseLayer.Sigmoid, [2, -3], [0.1f]),
            ]);
        var modelDir = Path.Combine(dir, "mlp");
        Directory.CreateDirectory(modelDir);
        network.Write(modelDir);
        new ModelDescription { Kind = MlpScoringModel.KindName, Trainer = "mlp", Columns = [nameof(FeatureRow.Country), nameof(FeatureRow.Latitude)] }.Save(modelDir);
        return modelDir;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    [Fact]
    public void Mlp_graph_gives_the_hand_computed_probabilities_including_unknown_other_and_nan_inputs()
    {
        var modelDir = SaveHandMlp();
        FeatureRow[] rows =
        [
            new() { Country = 1, Latitude = 45 },                   // x = [1, 0, 0.5] → h = [1.95, 0] → z = 4.0
            new() { Country = 7, Latitude = -90 },                  // 7 is outside the table → other row: h = 0 → z = 0.1
            new() { Country = 2, Latitude = float.NaN },            // NaN latitude → 0: h = [2.5, 0.75] → z = 2.85
            new() { Country = 0, Latitude = 0 },                    // unknown: h = [0.5, 0] → z = 1.1
            new() { Country = -1, Latitude = float.PositiveInfinity }, // −1 is outside → other, ∞ → 0: x = [−1, −1, 0] → h = 0 → z = 0.1
        ];

        var info = OnnxExporter.Export(modelDir, rows);
        using var onnx = new OnnxRuntimeScorer(Path.Combine(modelDir, OnnxExporter.FileName));
        var scores = onnx.Score(rows);

        Assert.Equal(Sigmoid(4.0), scores[0], 1e-6);
        Assert.Equal(Sigmoid(0.1), scores[1], 1e-6);
        Assert.Equal(Sigmoid(2.85), scores[2], 1e-6);
        Assert.Equal(Sigmoid(1.1), scores[3], 1e-6);
        Assert.Equal(Sigmoid(0.1), scores[4], 1e-6);
        Assert.Equal(13, info.Opset);
        Assert.Equal(7, info.IrVersion);
        Assert.Empty(info.OtherOpsets);
        Assert.Equal("ipsml MLP writer", info.Producer);
        Assert.Equal([nameof(FeatureRow.Country), nameof(FeatureRow.Latitude)], info.Inputs.Select(i => i.Name));
        Assert.Equal(OnnxExporter.ProbabilityOutput, info.Output.Name);
    }

    [Fact]
    public void Mlp_graph_with_several_embeddings_and_layers_agrees_with_the_csharp_forward_pass()
    {
        var random = new Random(11);
        float[] Weights(int n) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() * 2) - 1))];
        var vocabulary = SyntheticData.Vocabulary();
        var network = new MlpNetwork(
            [
                new MlpEmbedding(nameof(FeatureRow.Hour), 25, 3, Offset: 1, OutOfRange: 0, Weights(75)),
                new MlpEmbedding(nameof(FeatureRow.Country), vocabulary.CountryOtherId + 1, 4, 0, vocabulary.CountryOtherId, Weights((vocabulary.CountryOtherId + 1) * 4)),
                new MlpEmbedding(nameof(FeatureRow.Asn), vocabulary.AsnOtherId + 1, 2, 0, vocabulary.AsnOtherId, Weights((vocabulary.AsnOtherId + 1) * 2)),
            ],
            [new MlpNumericInput(nameof(FeatureRow.Latitude), 90), new MlpNumericInput(nameof(FeatureRow.Longitude), 180)],
            [
                new MlpDenseLayer(11, 16, MlpDenseLayer.Relu, Weights(176), Weights(16)),
                new MlpDenseLayer(16, 8, MlpDenseLayer.Relu, Weights(128), Weights(8)),
                new MlpDenseLayer(8, 1, MlpDenseLayer.Sigmoid, Weights(8), Weights(1)),
            ]);
        var modelDir = Path.Combine(dir, "mlp3");
        Directory.CreateDirectory(modelDir);
        network.Write(modelDir);
        new ModelDescription { Kind = MlpScoringModel.KindName, Trainer = "mlp", Columns = [.. network.Columns] }.Save(modelDir);
        var rows = VerificationRows();

        var info = OnnxExporter.Export(modelDir, rows);

        Assert.InRange(info.Verification.MaxAbsDifference, 0, 1e-5);
        Assert.True(IndependentMaxDifference(modelDir, rows) <= 1e-5);
    }

    [Fact]
    public void Scores_beyond_the_tolerance_fail_the_export_naming_the_row_and_both_values()
    {
        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Compare("m.onnx", [0.5f, 0.25f, 0.9f], [0.50001f, 0.2f, 0.9f], 1e-4));
        Assert.Contains("m.onnx", e.Message);
        Assert.Contains("row 2 of 3", e.Message);
        Assert.Contains("0.2", e.Message);
        Assert.Contains("0.25", e.Message);

        Assert.Throws<OnnxExportException>(() => OnnxExporter.Compare("m.onnx", [0.5f], [float.NaN], 1e-4));
        Assert.Equal(0.0, OnnxExporter.Compare("m.onnx", [0.5f, 0.25f], [0.5f, 0.25f], 1e-4));
    }

    [Fact]
    public void A_graph_exported_with_the_training_schema_asks_for_label_and_is_refused()
    {
        // What the exporter avoids: converting with FeatureRow's schema, which has Label and Weight, makes them graph inputs.
        var modelDir = TrainForest(FeatureSchema.DefaultColumns);
        var context = new MLContext(seed: 0);
        var model = context.Model.Load(Path.Combine(modelDir, MlNetScoringModel.ZipFile), out _);
        var path = Path.Combine(dir, "with-label.onnx");
        using (var file = File.Create(path))
        {
            context.Model.ConvertToOnnx(model, context.Data.LoadFromEnumerable(Array.Empty<FeatureRow>()), file);
        }

        var e = Assert.Throws<OnnxExportException>(() => new OnnxRuntimeScorer(path));
        Assert.Contains("graph input 'Label' is not a feature column", e.Message);
    }

    [Fact]
    public void A_model_kind_without_an_export_is_refused_by_name()
    {
        var modelDir = Path.Combine(dir, "other");
        Directory.CreateDirectory(modelDir);
        new ModelDescription { Kind = "torch", Trainer = "x", Columns = [nameof(FeatureRow.Hour)] }.Save(modelDir);

        var e = Assert.Throws<OnnxExportException>(() => OnnxExporter.Export(modelDir, VerificationRows()));
        Assert.Contains("'torch'", e.Message);
        Assert.False(File.Exists(Path.Combine(modelDir, OnnxExporter.FileName)));
    }
}
