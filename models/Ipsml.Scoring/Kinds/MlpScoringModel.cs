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
/// <remarks>
/// Evaluation order differs from torch's (same sums, other rounding; scores agree to about 1e-7): each embedding table
/// is multiplied into the first layer's weights once at load time, so a row's first layer is one table-row addition
/// per categorical column instead of dim × width multiply-adds; dense weights are kept transposed so every input adds
/// one contiguous, vectorised row to the outputs, and inputs that are 0 (half of a ReLU layer's outputs) are skipped.
/// </remarks>
public sealed class MlpScoringModel : IScoringModel
{
    public const string KindName = "mlp";

    /// <summary>Per-call scratch above this many floats comes from the heap instead of the stack.</summary>
    private const int StackFloats = 2048;

    /// <summary>A table folded into the first layer holds rows × first-layer-width floats; larger ones stay unfolded.</summary>
    private const long FoldLimit = 1 << 22;

    private readonly MlpEmbedding[] embeddings;
    private readonly Column[] embeddingColumns;
    private readonly int[] embeddingOffsets;
    private readonly float[]?[] folded;
    private readonly MlpNumericInput[] numeric;
    private readonly Column[] numericColumns;
    private readonly int numericOffset;
    private readonly int width;
    private readonly float[] firstWeights;
    private readonly float[] firstBias;
    private readonly bool firstIsLast;
    private readonly Layer[] layers;
    private readonly int scratchWidth;

    /// <param name="foldLimit">Largest folded table (floats); tests pass 0 to run the unfolded path.</param>
    internal MlpScoringModel(MlpNetwork network, long foldLimit = FoldLimit)
    {
        Network = network;
        var first = network.Layers[0];
        width = first.Outputs;
        firstWeights = Transpose(first);
        firstBias = first.Bias;
        firstIsLast = network.Layers.Count == 1;

        embeddings = [.. network.Embeddings];
        embeddingColumns = [.. embeddings.Select(e => ColumnOf(e.Column))];
        embeddingOffsets = new int[embeddings.Length];
        folded = new float[]?[embeddings.Length];
        var offset = 0;
        for (var j = 0; j < embeddings.Length; j++)
        {
            embeddingOffsets[j] = offset;
            folded[j] = (long)embeddings[j].Rows * width <= foldLimit ? Fold(embeddings[j], firstWeights, offset, width) : null;
            offset += embeddings[j].Dim;
        }

        numeric = [.. network.Numeric];
        numericColumns = [.. numeric.Select(n => ColumnOf(n.Column))];
        numericOffset = offset;
        layers = [.. network.Layers.Skip(1).Select(l => new Layer(l.Outputs, l.Outputs == 1 ? l.Weight : Transpose(l), l.Bias, l.Activation == MlpDenseLayer.Sigmoid))];
        scratchWidth = network.Layers.Max(l => l.Outputs);
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
        // First layer: bias + each embedding's contribution + each numeric input's.
        var y = a[..width];
        firstBias.CopyTo(y);
        for (var j = 0; j < embeddings.Length; j++)
        {
            var e = embeddings[j];
            var index = e.Index(Read(row, embeddingColumns[j]));
            if (folded[j] is { } table)
            {
                Add(table.AsSpan(index * width, width), y);
            }
            else
            {
                var vector = e.Row(index);
                for (var d = 0; d < vector.Length; d++)
                {
                    MultiplyAdd(firstWeights.AsSpan((embeddingOffsets[j] + d) * width, width), vector[d], y);
                }
            }
        }

        for (var j = 0; j < numeric.Length; j++)
        {
            var value = numeric[j].Scale(Read(row, numericColumns[j]));
            if (value != 0f)
            {
                MultiplyAdd(firstWeights.AsSpan((numericOffset + j) * width, width), value, y);
            }
        }

        Activate(y, firstIsLast);
        ReadOnlySpan<float> x = y;
        var output = b;
        foreach (var layer in layers)
        {
            var next = output[..layer.Outputs];
            layer.Apply(x, next);
            x = next;
            output = output == b ? a : b;
        }

        return x[0];
    }

    /// <summary>inputs × outputs (row i = the weights input i contributes to every output) from torch's outputs × inputs.</summary>
    private static float[] Transpose(MlpDenseLayer l)
    {
        var t = new float[l.Weight.Length];
        for (var o = 0; o < l.Outputs; o++)
        {
            for (var i = 0; i < l.Inputs; i++)
            {
                t[(i * l.Outputs) + o] = l.Weight[(o * l.Inputs) + i];
            }
        }

        return t;
    }

    /// <summary>table[r, o] = Σ_d embedding[r, d] · W[o, offset + d]: each table row's whole contribution to the first layer.</summary>
    private static float[] Fold(MlpEmbedding e, float[] transposed, int offset, int width)
    {
        var table = new float[e.Rows * width];
        for (var r = 0; r < e.Rows; r++)
        {
            for (var o = 0; o < width; o++)
            {
                double sum = 0;
                for (var d = 0; d < e.Dim; d++)
                {
                    sum += (double)e.Weights[(r * e.Dim) + d] * transposed[((offset + d) * width) + o];
                }

                table[(r * width) + o] = (float)sum;
            }
        }

        return table;
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

    /// <summary>y += w.</summary>
    private static void Add(ReadOnlySpan<float> w, Span<float> y)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && y.Length >= Vector<float>.Count)
        {
            var vw = MemoryMarshal.Cast<float, Vector<float>>(w);
            var vy = MemoryMarshal.Cast<float, Vector<float>>(y);
            for (var k = 0; k < vy.Length; k++)
            {
                vy[k] += vw[k];
            }

            i = vy.Length * Vector<float>.Count;
        }

        for (; i < y.Length; i++)
        {
            y[i] += w[i];
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

    /// <summary>Sigmoid after the last layer, ReLU after the others.</summary>
    private static void Activate(Span<float> y, bool sigmoid)
    {
        for (var o = 0; o < y.Length; o++)
        {
            y[o] = sigmoid ? 1f / (1f + MathF.Exp(-y[o])) : Math.Max(y[o], 0f);
        }
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

    /// <summary>A layer after the first: weights transposed (inputs × outputs), or kept as the single row of a one-output layer.</summary>
    private sealed class Layer(int outputs, float[] weight, float[] bias, bool sigmoid)
    {
        public int Outputs => outputs;

        public void Apply(ReadOnlySpan<float> x, Span<float> y)
        {
            if (outputs == 1)
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
                        MultiplyAdd(weight.AsSpan(i * outputs, outputs), x[i], y);
                    }
                }
            }

            Activate(y, sigmoid);
        }
    }
}
