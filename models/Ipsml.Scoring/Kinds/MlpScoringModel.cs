using System.Numerics;
using System.Runtime.InteropServices;
using Ipsml.Features;

namespace Ipsml.Scoring.Kinds;

/// <summary>
/// An ipsml MLP (<see cref="MlpNetwork"/>, trained by the "mlp" candidate) scored in plain C#: no TorchSharp and no
/// native library at scoring time. Embedding lookup (values outside a table fall back to its out-of-range row),
/// dense layers with ReLU, sigmoid. Immutable after loading, so <see cref="Score"/> is thread-safe; it allocates the
/// result array and nothing per row.
/// </summary>
public sealed class MlpScoringModel : IScoringModel
{
    public const string KindName = "mlp";

    /// <summary>Per-call scratch above this many floats comes from the heap instead of the stack.</summary>
    private const int StackFloats = 2048;

    private readonly MlpEmbedding[] embeddings;
    private readonly Column[] embeddingColumns;
    private readonly MlpNumericInput[] numeric;
    private readonly Column[] numericColumns;
    private readonly Layer[] layers;
    private readonly int inputWidth;
    private readonly int scratchWidth;

    internal MlpScoringModel(MlpNetwork network)
    {
        Network = network;
        embeddings = [.. network.Embeddings];
        embeddingColumns = [.. embeddings.Select(e => ColumnOf(e.Column))];
        numeric = [.. network.Numeric];
        numericColumns = [.. numeric.Select(n => ColumnOf(n.Column))];
        layers = [.. network.Layers.Select(Layer.From)];
        inputWidth = network.InputWidth;
        scratchWidth = Math.Max(inputWidth, layers.Max(l => l.Outputs));
    }

    public string Kind => KindName;

    public MlpNetwork Network { get; }

    /// <summary>Loads <c>mlp.json</c> + <c>mlp.bin</c> and checks that the network reads exactly the columns <c>model.json</c> lists.</summary>
    public static MlpScoringModel Load(string dir, ModelDescription description)
    {
        var network = MlpNetwork.Read(dir);
        var reads = network.Columns.Order(StringComparer.Ordinal).ToList();
        var listed = description.Columns.Order(StringComparer.Ordinal).ToList();
        if (!reads.SequenceEqual(listed))
        {
            throw new ArtifactException($"{Path.Combine(dir, MlpNetwork.LayoutFile)}: the network reads columns {string.Join(", ", reads)} but {ModelDescription.FileName} lists {string.Join(", ", listed)}");
        }

        return new MlpScoringModel(network);
    }

    public float[] Score(IReadOnlyList<FeatureRow> rows)
    {
        var result = new float[rows.Count];
        var scratch = 2 * scratchWidth <= StackFloats ? stackalloc float[2 * scratchWidth] : new float[2 * scratchWidth];
        var a = scratch[..scratchWidth];
        var b = scratch[scratchWidth..];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Forward(rows[i], a, b);
        }

        return result;
    }

    public void Dispose()
    {
    }

    private float Forward(FeatureRow row, Span<float> a, Span<float> b)
    {
        var at = 0;
        for (var j = 0; j < embeddings.Length; j++)
        {
            var e = embeddings[j];
            e.Row(e.Index(Read(row, embeddingColumns[j]))).CopyTo(a[at..]);
            at += e.Dim;
        }

        for (var j = 0; j < numeric.Length; j++)
        {
            a[at++] = numeric[j].Scale(Read(row, numericColumns[j]));
        }

        ReadOnlySpan<float> x = a[..inputWidth];
        var output = b;
        foreach (var layer in layers)
        {
            var y = output[..layer.Outputs];
            layer.Apply(x, y);
            x = y;
            output = output == b ? a : b;
        }

        return x[0];
    }

    private static float Read(FeatureRow row, Column column) => column switch
    {
        Column.Hour => row.Hour,
        Column.Latitude => row.Latitude,
        Column.Longitude => row.Longitude,
        Column.TimeZone => row.TimeZone,
        Column.Country => row.Country,
        Column.Asn => row.Asn,
        _ => row.IpPrefix,
    };

    private static Column ColumnOf(string name) => name switch
    {
        nameof(FeatureRow.Hour) => Column.Hour,
        nameof(FeatureRow.Latitude) => Column.Latitude,
        nameof(FeatureRow.Longitude) => Column.Longitude,
        nameof(FeatureRow.TimeZone) => Column.TimeZone,
        nameof(FeatureRow.Country) => Column.Country,
        nameof(FeatureRow.Asn) => Column.Asn,
        nameof(FeatureRow.IpPrefix) => Column.IpPrefix,
        _ => throw new ArgumentException($"unknown feature column '{name}'"),
    };

    /// <summary>The feature columns as a switchable value (no string comparison per row).</summary>
    private enum Column
    {
        Hour,
        Latitude,
        Longitude,
        TimeZone,
        Country,
        Asn,
        IpPrefix,
    }

    /// <summary>
    /// A dense layer laid out for row-at-a-time evaluation: the weight transposed to inputs × outputs, so each input
    /// adds a scaled contiguous row to the outputs (vectorised, and skipped when the input is 0, as half of a ReLU
    /// layer's outputs are). A one-output layer keeps its single weight row and takes a dot product.
    /// </summary>
    private sealed class Layer
    {
        private readonly float[] weight;
        private readonly float[] bias;
        private readonly bool sigmoid;

        private Layer(int outputs, float[] weight, float[] bias, bool sigmoid)
        {
            Outputs = outputs;
            this.weight = weight;
            this.bias = bias;
            this.sigmoid = sigmoid;
        }

        public int Outputs { get; }

        public static Layer From(MlpDenseLayer l)
        {
            var weight = l.Weight;
            if (l.Outputs > 1)
            {
                weight = new float[l.Weight.Length];
                for (var o = 0; o < l.Outputs; o++)
                {
                    for (var i = 0; i < l.Inputs; i++)
                    {
                        weight[(i * l.Outputs) + o] = l.Weight[(o * l.Inputs) + i];
                    }
                }
            }

            return new Layer(l.Outputs, weight, l.Bias, l.Activation == MlpDenseLayer.Sigmoid);
        }

        public void Apply(ReadOnlySpan<float> x, Span<float> y)
        {
            if (Outputs == 1)
            {
                y[0] = Dot(x, weight) + bias[0];
            }
            else
            {
                bias.CopyTo(y);
                for (var i = 0; i < x.Length; i++)
                {
                    if (x[i] != 0f)
                    {
                        MultiplyAdd(weight.AsSpan(i * Outputs, Outputs), x[i], y);
                    }
                }
            }

            if (sigmoid)
            {
                for (var o = 0; o < y.Length; o++)
                {
                    y[o] = 1f / (1f + MathF.Exp(-y[o]));
                }
            }
            else
            {
                Relu(y);
            }
        }

        /// <summary>y += a · w.</summary>
        private static void MultiplyAdd(ReadOnlySpan<float> w, float a, Span<float> y)
        {
            var i = 0;
            if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
            {
                var va = new Vector<float>(a);
                var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
                var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
                for (var k = 0; k < vy.Length; k++)
                {
                    vy[k] += vw[k] * va;
                }

                i = vy.Length * Vector<float>.Count;
            }

            for (; i < y.Length; i++)
            {
                y[i] += w[i] * a;
            }
        }

        private static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> w)
        {
            var i = 0;
            var sum = 0f;
            if (Vector.IsHardwareAccelerated && x.Length >= Vector<float>.Count)
            {
                var vx = MemoryMarshal.Cast<float, Vector<float>>(x);
                var vw = MemoryMarshal.Cast<float, Vector<float>>(w[..x.Length]);
                var acc = Vector<float>.Zero;
                for (var k = 0; k < vx.Length; k++)
                {
                    acc += vx[k] * vw[k];
                }

                sum = Vector.Sum(acc);
                i = vx.Length * Vector<float>.Count;
            }

            for (; i < x.Length; i++)
            {
                sum += x[i] * w[i];
            }

            return sum;
        }

        private static void Relu(Span<float> y)
        {
            for (var o = 0; o < y.Length; o++)
            {
                if (y[o] < 0f)
                {
                    y[o] = 0f;
                }
            }
        }
    }
}
