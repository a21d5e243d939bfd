using System.Buffers.Binary;
using System.Text.Json;
using Ipsml.Features;

namespace Ipsml.Scoring.Kinds;

/// <summary>
/// The weights of an ipsml MLP and their file format, written by training and read by <see cref="MlpScoringModel"/>
/// without TorchSharp.
/// <para>
/// The network: input = the embedding vectors of <see cref="Embeddings"/> in order, then each of <see cref="Numeric"/>
/// divided by its divisor; then <see cref="Layers"/> in order (ReLU after each hidden layer, sigmoid after the last,
/// which has one output: the probability of malicious).
/// </para>
/// <para>
/// Files of a model folder: <c>mlp.json</c> holds the format tag, the embedding tables (column, rows, dim, offset,
/// outOfRange), the numeric inputs (column, divisor) and the layers (inputs, outputs, activation).
/// <c>mlp.bin</c> holds every weight as little-endian IEEE-754 float32, no header, no padding, in this order: each
/// embedding table [rows × dim] row-major, then for each layer its weight [outputs × inputs] row-major followed by its
/// bias [outputs]. Its length is exactly 4 × the float count the shapes give (numpy: <c>np.fromfile(f, "&lt;f4")</c>).
/// </para>
/// </summary>
public sealed class MlpNetwork
{
    public const string Format = "ipsml-mlp/1";

    public const string LayoutFile = "mlp.json";

    public const string WeightsFile = "mlp.bin";

    /// <summary>Largest weight file accepted (floats), far above any sensible model; guards against absurd shapes.</summary>
    private const long MaxFloats = 1L << 28;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    };

    /// <summary>Checks the shapes; throws <see cref="ArgumentException"/> naming the first inconsistency.</summary>
    public MlpNetwork(IReadOnlyList<MlpEmbedding> embeddings, IReadOnlyList<MlpNumericInput> numeric, IReadOnlyList<MlpDenseLayer> layers)
        : this(embeddings, numeric, layers, check: true)
    {
    }

    /// <param name="check">False only for <see cref="Read"/>, which checks as it reads and reports problems with the file's name.</param>
    private MlpNetwork(IReadOnlyList<MlpEmbedding> embeddings, IReadOnlyList<MlpNumericInput> numeric, IReadOnlyList<MlpDenseLayer> layers, bool check)
    {
        Embeddings = embeddings;
        Numeric = numeric;
        Layers = layers;
        if (check && Problem() is { } problem)
        {
            throw new ArgumentException($"inconsistent MLP: {problem}");
        }
    }

    public IReadOnlyList<MlpEmbedding> Embeddings { get; }

    public IReadOnlyList<MlpNumericInput> Numeric { get; }

    public IReadOnlyList<MlpDenseLayer> Layers { get; }

    /// <summary>Width of the first layer's input: the embedding widths plus one per numeric column.</summary>
    public int InputWidth => Embeddings.Sum(e => e.Dim) + Numeric.Count;

    /// <summary>Every trainable float: embedding tables, layer weights and biases.</summary>
    public long ParameterCount => Embeddings.Sum(e => (long)e.Rows * e.Dim) + Layers.Sum(l => ((long)l.Inputs * l.Outputs) + l.Outputs);

    /// <summary>The columns the network reads: embedding columns, then numeric columns.</summary>
    public IEnumerable<string> Columns => Embeddings.Select(e => e.Column).Concat(Numeric.Select(n => n.Column));

    /// <summary>Writes <c>mlp.bin</c> and <c>mlp.json</c> into <paramref name="dir"/> (which must exist).</summary>
    public void Write(string dir)
    {
        var bytes = new byte[checked(ParameterCount * sizeof(float))];
        var at = 0;
        foreach (var tensor in Tensors(this))
        {
            foreach (var value in tensor.Data)
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), value);
                at += sizeof(float);
            }
        }

        File.WriteAllBytes(Path.Combine(dir, WeightsFile), bytes);
        var layout = new LayoutJson
        {
            Format = Format,
            Weights = new WeightsJson { File = WeightsFile, Encoding = "float32-le", Floats = ParameterCount },
            About = "mlp.bin: every embedding table [rows x dim] row-major in order, then per layer weight [outputs x inputs] row-major and bias [outputs]. "
                + "Input = embedding vectors (table row = column value plus offset; outOfRange when outside the table) in order, then numeric value / divisor in order; "
                + "ReLU after hidden layers, sigmoid after the last.",
            Embeddings = [.. Embeddings.Select(e => new EmbeddingJson { Column = e.Column, Rows = e.Rows, Dim = e.Dim, Offset = e.Offset, OutOfRange = e.OutOfRange })],
            Numeric = [.. Numeric.Select(n => new NumericJson { Column = n.Column, Divisor = n.Divisor })],
            Layers = [.. Layers.Select(l => new LayerJson { Inputs = l.Inputs, Outputs = l.Outputs, Activation = l.Activation })],
        };
        File.WriteAllText(Path.Combine(dir, LayoutFile), JsonSerializer.Serialize(layout, JsonOptions));
    }

    /// <summary>Reads a network written by <see cref="Write"/>; throws <see cref="ArtifactException"/> naming the file and the reason for anything missing, malformed, truncated or inconsistent.</summary>
    public static MlpNetwork Read(string dir)
    {
        var layoutPath = Path.Combine(dir, LayoutFile);
        var weightsPath = Path.Combine(dir, WeightsFile);
        var layout = ReadLayout(layoutPath);

        // Shapes first, with the weight arrays sized but empty, so the float count is known before the binary is read.
        var embeddings = layout.Embeddings!.Select(e => new MlpEmbedding(e.Column ?? "", e.Rows, e.Dim, e.Offset, e.OutOfRange, [])).ToList();
        var numeric = layout.Numeric!.Select(n => new MlpNumericInput(n.Column ?? "", n.Divisor)).ToList();
        var layers = layout.Layers!.Select(l => new MlpDenseLayer(l.Inputs, l.Outputs, l.Activation ?? "", [], [])).ToList();
        var shapes = new MlpNetwork(embeddings, numeric, layers, check: false);
        if (shapes.ShapeProblem() is { } shapeProblem)
        {
            throw new ArtifactException($"{layoutPath}: {shapeProblem}");
        }

        var floats = shapes.ParameterCount;
        if (floats > MaxFloats)
        {
            throw new ArtifactException($"{layoutPath}: shapes give {floats:N0} weights, more than the {MaxFloats:N0} this reader accepts");
        }

        if (layout.Weights is { } declared && (declared.Floats != floats || declared.File != WeightsFile || declared.Encoding != "float32-le"))
        {
            throw new ArtifactException($"{layoutPath}: 'weights' says {declared.Floats} floats in {declared.File} as {declared.Encoding}, but the shapes give {floats} floats in {WeightsFile} as float32-le");
        }

        if (!File.Exists(weightsPath))
        {
            throw new ArtifactException($"{weightsPath}: missing MLP weights file");
        }

        var bytes = File.ReadAllBytes(weightsPath);
        if (bytes.LongLength != floats * sizeof(float))
        {
            var why = bytes.LongLength < floats * sizeof(float) ? "truncated" : "longer than the shapes allow";
            throw new ArtifactException($"{weightsPath}: {bytes.LongLength:N0} bytes, expected {floats * sizeof(float):N0} (4 × {floats:N0} float32 for the shapes in {LayoutFile}); {why}");
        }

        var at = 0;
        float[] Take(int count, string name)
        {
            var data = new float[count];
            for (var i = 0; i < count; i++)
            {
                data[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(at));
                at += sizeof(float);
                if (!float.IsFinite(data[i]))
                {
                    throw new ArtifactException($"{weightsPath}: {name}[{i}] is {data[i]}; weights must be finite");
                }
            }

            return data;
        }

        var loadedEmbeddings = embeddings.Select(e => e with { Weights = Take(e.Rows * e.Dim, $"embedding {e.Column}") }).ToList();
        var loadedLayers = layers.Select((l, i) =>
        {
            var weight = Take(l.Inputs * l.Outputs, $"layer {i} weight");
            return l with { Weight = weight, Bias = Take(l.Outputs, $"layer {i} bias") };
        }).ToList();
        return new MlpNetwork(loadedEmbeddings, numeric, loadedLayers, check: false);
    }

    /// <summary>Each tensor in <c>mlp.bin</c> order, with a name for messages.</summary>
    internal static IEnumerable<(string Name, float[] Data)> Tensors(MlpNetwork network)
    {
        foreach (var e in network.Embeddings)
        {
            yield return ($"embedding {e.Column}", e.Weights);
        }

        for (var i = 0; i < network.Layers.Count; i++)
        {
            yield return ($"layer {i} weight", network.Layers[i].Weight);
            yield return ($"layer {i} bias", network.Layers[i].Bias);
        }
    }

    private static LayoutJson ReadLayout(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArtifactException($"{path}: missing MLP layout file");
        }

        LayoutJson? layout;
        try
        {
            layout = JsonSerializer.Deserialize<LayoutJson>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"{path}: line {(e.LineNumber ?? 0) + 1}: not an MLP layout: {e.Message}", e);
        }

        if (layout is null)
        {
            throw new ArtifactException($"{path}: empty MLP layout");
        }

        if (layout.Format != Format)
        {
            throw new ArtifactException($"{path}: format '{layout.Format}' is not supported by this build (expects '{Format}')");
        }

        string? missing = layout.Embeddings is null ? "embeddings" : layout.Numeric is null ? "numeric" : layout.Layers is null ? "layers" : null;
        return missing is null ? layout : throw new ArtifactException($"{path}: missing '{missing}'");
    }

    private string? Problem()
    {
        if (ShapeProblem() is { } shape)
        {
            return shape;
        }

        foreach (var e in Embeddings)
        {
            if (e.Weights.Length != e.Rows * e.Dim)
            {
                return $"embedding {e.Column} holds {e.Weights.Length} floats, its shape {e.Rows}×{e.Dim} needs {e.Rows * e.Dim}";
            }
        }

        for (var i = 0; i < Layers.Count; i++)
        {
            var l = Layers[i];
            if (l.Weight.Length != l.Inputs * l.Outputs || l.Bias.Length != l.Outputs)
            {
                return $"layer {i} holds {l.Weight.Length} weights and {l.Bias.Length} biases, its shape {l.Outputs}×{l.Inputs} needs {l.Inputs * l.Outputs} and {l.Outputs}";
            }
        }

        foreach (var (name, data) in Tensors(this))
        {
            var bad = Array.FindIndex(data, v => !float.IsFinite(v));
            if (bad >= 0)
            {
                return $"{name}[{bad}] is {data[bad]}; weights must be finite";
            }
        }

        return null;
    }

    /// <summary>Everything but the weight arrays: columns, table shapes, layer chaining, activations.</summary>
    private string? ShapeProblem()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var e in Embeddings)
        {
            if (!FeatureSchema.CategoricalColumns.Contains(e.Column))
            {
                return $"embedding column '{e.Column}' is not a categorical feature column ({string.Join(", ", FeatureSchema.CategoricalColumns.Order(StringComparer.Ordinal))})";
            }

            if (e.Rows < 1 || e.Dim < 1 || e.Rows > MaxFloats || e.Dim > MaxFloats || (long)e.Rows * e.Dim > MaxFloats)
            {
                return $"embedding {e.Column}: shape {e.Rows}×{e.Dim} is not a usable table";
            }

            if (e.OutOfRange < 0 || e.OutOfRange >= e.Rows)
            {
                return $"embedding {e.Column}: outOfRange row {e.OutOfRange} is outside 0..{e.Rows - 1}";
            }

            if (!seen.Add(e.Column))
            {
                return $"column '{e.Column}' appears twice";
            }
        }

        foreach (var n in Numeric)
        {
            if (!FeatureSchema.AllColumns.Contains(n.Column) || FeatureSchema.CategoricalColumns.Contains(n.Column))
            {
                return $"numeric column '{n.Column}' is not a numeric feature column";
            }

            if (!float.IsFinite(n.Divisor) || n.Divisor == 0)
            {
                return $"numeric {n.Column}: divisor {n.Divisor} is not a finite non-zero number";
            }

            if (!seen.Add(n.Column))
            {
                return $"column '{n.Column}' appears twice";
            }
        }

        if (seen.Count == 0)
        {
            return "no input columns";
        }

        if (Layers.Count == 0)
        {
            return "no layers";
        }

        var width = (long)Embeddings.Sum(e => (long)e.Dim) + Numeric.Count;
        for (var i = 0; i < Layers.Count; i++)
        {
            var l = Layers[i];
            if (l.Inputs != width)
            {
                return i == 0
                    ? $"layer 0 takes {l.Inputs} inputs but the embeddings and numeric columns give {width}"
                    : $"layer {i} takes {l.Inputs} inputs but layer {i - 1} gives {width}";
            }

            if (l.Outputs < 1 || l.Outputs > MaxFloats || (long)l.Inputs * l.Outputs > MaxFloats)
            {
                return $"layer {i}: shape {l.Outputs}×{l.Inputs} is not usable";
            }

            var last = i == Layers.Count - 1;
            var expected = last ? MlpDenseLayer.Sigmoid : MlpDenseLayer.Relu;
            if (l.Activation != expected)
            {
                return $"layer {i}: activation '{l.Activation}', expected '{expected}' for a {(last ? "last" : "hidden")} layer";
            }

            if (last && l.Outputs != 1)
            {
                return $"layer {i}: the last layer has {l.Outputs} outputs, expected 1 (the probability)";
            }

            width = l.Outputs;
        }

        return null;
    }

    private sealed class LayoutJson
    {
        public string? Format { get; init; }

        public string? About { get; init; }

        public WeightsJson? Weights { get; init; }

        public List<EmbeddingJson>? Embeddings { get; init; }

        public List<NumericJson>? Numeric { get; init; }

        public List<LayerJson>? Layers { get; init; }
    }

    private sealed class WeightsJson
    {
        public string? File { get; init; }

        public string? Encoding { get; init; }

        public long Floats { get; init; }
    }

    private sealed class EmbeddingJson
    {
        public string? Column { get; init; }

        public int Rows { get; init; }

        public int Dim { get; init; }

        public int Offset { get; init; }

        public int OutOfRange { get; init; }
    }

    private sealed class NumericJson
    {
        public string? Column { get; init; }

        public float Divisor { get; init; }
    }

    private sealed class LayerJson
    {
        public int Inputs { get; init; }

        public int Outputs { get; init; }

        public string? Activation { get; init; }
    }
}
