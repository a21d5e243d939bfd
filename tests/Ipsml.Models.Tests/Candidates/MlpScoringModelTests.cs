using System.Buffers.Binary;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;

namespace Ipsml.Models.Tests.Candidates;

public sealed class MlpScoringModelTests : IDisposable
{
    private readonly string dir = Path.Combine(Path.GetTempPath(), "ipsml-mlps-" + Guid.NewGuid().ToString("N"));

    public MlpScoringModelTests() => Directory.CreateDirectory(dir);

    public void Dispose() => Directory.Delete(dir, true);

    /// <summary>
    /// Country (4 ids: unknown, 2 values, other) → 2-d embedding, Latitude / 90; 3 → 2 ReLU → 1 sigmoid.
    /// Rows: unknown [0,0], id 1 [1,0], id 2 [0,1], other [−1,−1].
    /// </summary>
    private static MlpNetwork HandNetwork() => new(
        [new MlpEmbedding(nameof(FeatureRow.Country), Rows: 4, Dim: 2, Offset: 0, OutOfRange: 3, [0, 0, 1, 0, 0, 1, -1, -1])],
        [new MlpNumericInput(nameof(FeatureRow.Latitude), 90)],
        [
            new MlpDenseLayer(3, 2, MlpDenseLayer.Relu, [1, 2, 0.9f, -1, 1, 0], [0.5f, -0.25f]),
            new MlpDenseLayer(2, 1, MlpDenseLayer.Sigmoid, [2, -3], [0.1f]),
        ]);

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private string SaveHandModel(MlpNetwork? network = null)
    {
        (network ?? HandNetwork()).Write(dir);
        new ModelDescription { Kind = MlpScoringModel.KindName, Trainer = "mlp", Columns = [nameof(FeatureRow.Country), nameof(FeatureRow.Latitude)] }.Save(dir);
        return dir;
    }

    [Fact]
    public void Forward_pass_gives_the_hand_computed_probabilities()
    {
        var model = new MlpScoringModel(HandNetwork());
        var scores = model.Score(
        [
            new FeatureRow { Country = 1, Latitude = 45 },         // x = [1, 0, 0.5]  → h = relu[1.95, −1.25] → z = 2·1.95 + 0.1 = 4.0
            new FeatureRow { Country = 7, Latitude = -90 },        // id 7 → other: x = [−1, −1, −1] → h = relu[−3.4, −0.25] = 0 → z = 0.1
            new FeatureRow { Country = 2, Latitude = float.NaN },  // NaN latitude → 0: x = [0, 1, 0] → h = [2.5, 0.75] → z = 5 − 2.25 + 0.1 = 2.85
            new FeatureRow { Country = 0, Latitude = 0 },          // unknown: x = 0 → h = relu[0.5, −0.25] → z = 1.0 + 0.1 = 1.1
        ]);

        Assert.Equal(Sigmoid(4.0), scores[0], 1e-6);
        Assert.Equal(Sigmoid(0.1), scores[1], 1e-6);
        Assert.Equal(Sigmoid(2.85), scores[2], 1e-6);
        Assert.Equal(Sigmoid(1.1), scores[3], 1e-6);
    }

    [Theory]
    [InlineData(-1f, 0)]
    [InlineData(0f, 1)]
    [InlineData(23f, 24)]
    [InlineData(24f, 0)]
    [InlineData(-2f, 0)]
    [InlineData(float.NaN, 0)]
    public void Hour_maps_to_its_row_and_anything_else_to_unknown(float hour, int row)
    {
        var hourTable = new MlpEmbedding(nameof(FeatureRow.Hour), 25, 1, Offset: 1, OutOfRange: 0, new float[25]);
        Assert.Equal(row, hourTable.Index(hour));
    }

    [Theory]
    [InlineData(0f, 0)]
    [InlineData(6f, 6)]
    [InlineData(7f, 7)]
    [InlineData(8f, 7)]
    [InlineData(100000f, 7)]
    [InlineData(-1f, 7)]
    [InlineData(float.NaN, 7)]
    public void Vocabulary_id_outside_the_table_maps_to_other(float id, int row)
    {
        var asnTable = new MlpEmbedding(nameof(FeatureRow.Asn), 8, 1, Offset: 0, OutOfRange: 7, new float[8]);
        Assert.Equal(row, asnTable.Index(id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Forward_pass_equals_a_naive_double_precision_reference_on_wide_layers(bool foldEmbeddings)
    {
        // Widths that are not multiples of any SIMD width, so vector and tail paths both run.
        var network = RandomNetwork(new Random(5), hidden: [37, 19]);
        var rows = SyntheticData.Rows(200, 9);
        rows.Add(new FeatureRow { Hour = 99, Country = -5, Asn = 1e9f, TimeZone = float.NaN, Latitude = float.PositiveInfinity });

        var scores = new MlpScoringModel(network, foldLimit: foldEmbeddings ? long.MaxValue : 0).Score(rows);

        for (var r = 0; r < rows.Count; r++)
        {
            Assert.Equal(Reference(network, rows[r]), scores[r], 1e-5);
        }
    }

    [Fact]
    public void Network_without_hidden_layers_is_a_logistic_regression()
    {
        // One Hour table (dim 1) and Longitude; z = 0.5 + 2·E[hour + 1] − 1·(lon / 180).
        var hours = Enumerable.Range(0, 25).Select(i => i / 10f).ToArray();
        var network = new MlpNetwork(
            [new MlpEmbedding(nameof(FeatureRow.Hour), 25, 1, 1, 0, hours)],
            [new MlpNumericInput(nameof(FeatureRow.Longitude), 180)],
            [new MlpDenseLayer(2, 1, MlpDenseLayer.Sigmoid, [2, -1], [0.5f])]);
        var scores = new MlpScoringModel(network).Score([new FeatureRow { Hour = 4, Longitude = 90 }, new FeatureRow { Hour = -1, Longitude = -180 }]);

        Assert.Equal(Sigmoid(0.5 + (2 * 0.5) - 0.5), scores[0], 1e-6);
        Assert.Equal(Sigmoid(0.5 + 0 + 1), scores[1], 1e-6);
    }

    [Fact]
    public void Concurrent_scoring_gives_the_same_scores_as_sequential()
    {
        var model = new MlpScoringModel(RandomNetwork(new Random(6), hidden: [64, 32]));
        var rows = SyntheticData.Rows(2000, 4);
        var expected = model.Score(rows);
        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => results[i] = model.Score(rows));
        Assert.All(results, r => Assert.Equal(expected, r));
    }

    [Fact]
    public void Saved_network_reads_back_bit_identical()
    {
        var network = RandomNetwork(new Random(7), hidden: [8]);
        network.Write(dir);
        var read = MlpNetwork.Read(dir);

        Assert.Equal(network.Embeddings.Select(e => (e.Column, e.Rows, e.Dim, e.Offset, e.OutOfRange)), read.Embeddings.Select(e => (e.Column, e.Rows, e.Dim, e.Offset, e.OutOfRange)));
        Assert.Equal(network.Embeddings.SelectMany(e => e.Weights), read.Embeddings.SelectMany(e => e.Weights));
        Assert.Equal(network.Numeric, read.Numeric);
        Assert.Equal(network.Layers.SelectMany(l => l.Weight.Concat(l.Bias)), read.Layers.SelectMany(l => l.Weight.Concat(l.Bias)));
        Assert.Equal(network.Layers.Select(l => (l.Inputs, l.Outputs, l.Activation)), read.Layers.Select(l => (l.Inputs, l.Outputs, l.Activation)));
    }

    [Fact]
    public void Weights_file_is_little_endian_float32_in_the_documented_order()
    {
        HandNetwork().Write(dir);
        var bytes = File.ReadAllBytes(Path.Combine(dir, MlpNetwork.WeightsFile));
        var floats = Enumerable.Range(0, bytes.Length / 4).Select(i => BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4))).ToArray();

        // Embedding table row-major, then layer 0 weight [2×3] and bias, then layer 1 weight [1×2] and bias.
        float[] expected = [0, 0, 1, 0, 0, 1, -1, -1, 1, 2, 0.9f, -1, 1, 0, 0.5f, -0.25f, 2, -3, 0.1f];
        Assert.Equal(expected.Length * 4, bytes.Length);
        Assert.Equal(expected, floats);
    }

    [Fact]
    public void Saved_model_loads_through_ModelLoader_as_kind_mlp()
    {
        using var model = ModelLoader.Load(SaveHandModel());
        Assert.Equal("mlp", model.Kind);
        Assert.Equal(Sigmoid(4.0), model.Score([new FeatureRow { Country = 1, Latitude = 45 }])[0], 1e-6);
    }

    [Fact]
    public void Weights_file_longer_than_the_shapes_is_refused_naming_the_file()
    {
        SaveHandModel();
        var weights = Path.Combine(dir, MlpNetwork.WeightsFile);
        File.AppendAllText(weights, "xxxx");
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(weights, e.Message);
        Assert.Contains("longer", e.Message);
    }

    [Fact]
    public void Missing_weights_file_is_refused_naming_the_file()
    {
        SaveHandModel();
        var weights = Path.Combine(dir, MlpNetwork.WeightsFile);
        File.Delete(weights);
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(weights, e.Message);
    }

    [Fact]
    public void Layer_shapes_that_do_not_chain_are_refused_naming_the_layout_file()
    {
        SaveHandModel();
        var layout = Path.Combine(dir, MlpNetwork.LayoutFile);
        File.WriteAllText(layout, File.ReadAllText(layout).Replace("\"inputs\": 2", "\"inputs\": 3", StringComparison.Ordinal));
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(layout, e.Message);
        Assert.Contains("layer 1 takes 3 inputs but layer 0 gives 2", e.Message);
    }

    [Fact]
    public void Other_format_tag_is_refused()
    {
        SaveHandModel();
        var layout = Path.Combine(dir, MlpNetwork.LayoutFile);
        File.WriteAllText(layout, File.ReadAllText(layout).Replace(MlpNetwork.Format, "ipsml-mlp/2", StringComparison.Ordinal));
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(layout, e.Message);
        Assert.Contains("ipsml-mlp/2", e.Message);
    }

    [Fact]
    public void Malformed_layout_json_is_refused_with_its_line()
    {
        SaveHandModel();
        var layout = Path.Combine(dir, MlpNetwork.LayoutFile);
        File.WriteAllText(layout, "{\n  \"format\": \"ipsml-mlp/1\",\n  \"layers\": [ oops ]\n}");
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(layout, e.Message);
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void Non_finite_weight_is_refused_naming_the_file_and_tensor()
    {
        SaveHandModel();
        var weights = Path.Combine(dir, MlpNetwork.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(9 * 4), float.NaN); // layer 0 weight[1]
        File.WriteAllBytes(weights, bytes);
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(weights, e.Message);
        Assert.Contains("layer 0 weight[1]", e.Message);
    }

    [Fact]
    public void Network_reading_other_columns_than_model_json_lists_is_refused()
    {
        HandNetwork().Write(dir);
        new ModelDescription { Kind = MlpScoringModel.KindName, Trainer = "mlp", Columns = [nameof(FeatureRow.Country), nameof(FeatureRow.Longitude)] }.Save(dir);
        var e = Assert.Throws<ArtifactException>(() => ModelLoader.Load(dir));
        Assert.Contains(MlpNetwork.LayoutFile, e.Message);
        Assert.Contains("Latitude", e.Message);
    }

    [Fact]
    public void Inconsistent_network_is_refused_when_built()
    {
        var e = Assert.Throws<ArgumentException>(() => new MlpNetwork(
            [new MlpEmbedding(nameof(FeatureRow.Latitude), 4, 2, 0, 3, new float[8])],
            [],
            [new MlpDenseLayer(2, 1, MlpDenseLayer.Sigmoid, [1, 1], [0])]));
        Assert.Contains("'Latitude' is not a categorical", e.Message);
    }

    private static MlpNetwork RandomNetwork(Random random, int[] hidden)
    {
        float Next() => (float)((random.NextDouble() * 2) - 1);
        var vocabulary = SyntheticData.Vocabulary();
        MlpEmbedding Table(string column, int rows, int offset, int outOfRange) =>
            new(column, rows, 5, offset, outOfRange, [.. Enumerable.Range(0, rows * 5).Select(_ => Next())]);
        List<MlpEmbedding> tables =
        [
            Table(nameof(FeatureRow.Hour), 25, 1, 0),
            Table(nameof(FeatureRow.TimeZone), vocabulary.TimeZones.Count + 2, 0, vocabulary.TimeZoneOtherId),
            Table(nameof(FeatureRow.Country), vocabulary.Countries.Count + 2, 0, vocabulary.CountryOtherId),
            Table(nameof(FeatureRow.Asn), vocabulary.Asns.Count + 2, 0, vocabulary.AsnOtherId),
        ];
        List<MlpNumericInput> numeric = [new(nameof(FeatureRow.Latitude), 90), new(nameof(FeatureRow.Longitude), 180)];
        var layers = new List<MlpDenseLayer>();
        var width = (tables.Count * 5) + numeric.Count;
        foreach (var outputs in hidden.Append(1))
        {
            var last = layers.Count == hidden.Length;
            layers.Add(new MlpDenseLayer(width, outputs, last ? MlpDenseLayer.Sigmoid : MlpDenseLayer.Relu, [.. Enumerable.Range(0, width * outputs).Select(_ => Next())], [.. Enumerable.Range(0, outputs).Select(_ => Next())]));
            width = outputs;
        }

        return new MlpNetwork(tables, numeric, layers);
    }

    /// <summary>The definition, in doubles, one multiply-add at a time: y[o] = b[o] + Σᵢ W[o, i]·x[i].</summary>
    private static double Reference(MlpNetwork network, FeatureRow row)
    {
        var x = new List<double>();
        foreach (var e in network.Embeddings)
        {
            var value = FeatureSchema.Get(row, e.Column);
            var index = value + e.Offset >= 0 && value + e.Offset < e.Rows ? (int)(value + e.Offset) : e.OutOfRange;
            x.AddRange(e.Weights.Skip(index * e.Dim).Take(e.Dim).Select(w => (double)w));
        }

        foreach (var n in network.Numeric)
        {
            var value = FeatureSchema.Get(row, n.Column);
            x.Add(float.IsFinite(value) ? value / (double)n.Divisor : 0);
        }

        foreach (var l in network.Layers)
        {
            var y = new double[l.Outputs];
            for (var o = 0; o < l.Outputs; o++)
            {
                y[o] = l.Bias[o];
                for (var i = 0; i < l.Inputs; i++)
                {
                    y[o] += l.Weight[(o * l.Inputs) + i] * x[i];
                }

                y[o] = l.Activation == MlpDenseLayer.Sigmoid ? Sigmoid(y[o]) : Math.Max(0, y[o]);
            }

            x = [.. y];
        }

        return x[0];
    }
}
