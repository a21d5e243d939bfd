using Ipsml.Scoring.Kinds;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Ipsml.Training.Candidates;

/// <summary>
/// The MLP as a TorchSharp module, shaped like <see cref="MlpNetwork"/>: embeddings of the categorical inputs and the
/// scaled numeric inputs, concatenated, then Linear+ReLU(+Dropout) per hidden layer and a one-output Linear. Forward
/// returns logits (the loss applies the sigmoid); <see cref="Probabilities"/> gives what scoring computes.
/// </summary>
internal sealed class MlpModule : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly ModuleList<Embedding> embeddings;
    private readonly ModuleList<Linear> layers;
    private readonly Dropout? dropout;
    private readonly bool hasNumeric;

    /// <summary>Creates the layers with torch's default initialisation, drawn from torch's global generator (seed it first).</summary>
    public MlpModule(IReadOnlyList<MlpEmbedding> tables, int numeric, IReadOnlyList<int> hidden, double dropout)
        : base("IpsmlMlp")
    {
        embeddings = nn.ModuleList([.. tables.Select(t => nn.Embedding(t.Rows, t.Dim))]);
        var width = tables.Sum(t => t.Dim) + numeric;
        var linears = new List<Linear>();
        foreach (var h in hidden)
        {
            linears.Add(nn.Linear(width, h));
            width = h;
        }

        linears.Add(nn.Linear(width, 1));
        layers = nn.ModuleList([.. linears]);
        this.dropout = dropout > 0 ? nn.Dropout(dropout) : null;
        hasNumeric = numeric > 0;
        RegisterComponents();
    }

    /// <param name="categorical">int64 [n × tables]: table rows (already mapped by <see cref="MlpEmbedding.Index"/>).</param>
    /// <param name="numeric">float32 [n × numeric]: scaled values.</param>
    /// <returns>float32 [n]: logits.</returns>
    public override Tensor forward(Tensor categorical, Tensor numeric)
    {
        using var scope = NewDisposeScope();
        var pieces = new List<Tensor>(embeddings.Count + 1);
        for (var j = 0; j < embeddings.Count; j++)
        {
            pieces.Add(embeddings[j].forward(categorical.select(1, j)));
        }

        if (hasNumeric)
        {
            pieces.Add(numeric);
        }

        var x = pieces.Count == 1 ? pieces[0] : cat(pieces, 1);
        for (var i = 0; i < layers.Count; i++)
        {
            x = layers[i].forward(x);
            if (i < layers.Count - 1)
            {
                x = nn.functional.relu(x);
                if (dropout is not null)
                {
                    x = dropout.forward(x);
                }
            }
        }

        return x.squeeze(1).MoveToOuterDisposeScope();
    }

    /// <summary>Sigmoid of the logits in eval mode without gradients, in batches: TorchSharp's own scores for the rows.</summary>
    public float[] Probabilities(MlpInputs.Encoded rows, int tables, int numericCount, int batchSize = 8192)
    {
        eval();
        var result = new float[rows.Count];
        using var noGrad = no_grad();
        for (var start = 0; start < rows.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var n = Math.Min(batchSize, rows.Count - start);
            var categorical = tensor(rows.Categorical.AsSpan(start * tables, n * tables).ToArray(), [n, tables]);
            var numeric = tensor(rows.Numeric.AsSpan(start * numericCount, n * numericCount).ToArray(), [n, numericCount]);
            var p = sigmoid(forward(categorical, numeric));
            p.data<float>().CopyTo(result, start);
        }

        return result;
    }

    /// <summary>The current weights as an <see cref="MlpNetwork"/> (copies), with the tables' column mapping from <paramref name="tables"/>.</summary>
    public MlpNetwork ToNetwork(IReadOnlyList<MlpEmbedding> tables, IReadOnlyList<MlpNumericInput> numeric)
    {
        var embedded = tables.Select((t, j) => t with { Weights = Floats(Present(embeddings[j].weight)) }).ToList();
        var dense = layers.Select((l, i) => new MlpDenseLayer(
            (int)l.in_features,
            (int)l.out_features,
            i == layers.Count - 1 ? MlpDenseLayer.Sigmoid : MlpDenseLayer.Relu,
            Floats(Present(l.weight)),
            Floats(Present(l.bias)))).ToList();
        return new MlpNetwork(embedded, numeric, dense);
    }

    /// <summary>Puts the weights of <paramref name="network"/> (from <see cref="ToNetwork"/>) back into the module.</summary>
    public void Load(MlpNetwork network)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        for (var j = 0; j < embeddings.Count; j++)
        {
            var e = network.Embeddings[j];
            Present(embeddings[j].weight).copy_(tensor(e.Weights, [e.Rows, e.Dim]));
        }

        for (var i = 0; i < layers.Count; i++)
        {
            var l = network.Layers[i];
            Present(layers[i].weight).copy_(tensor(l.Weight, [l.Outputs, l.Inputs]));
            Present(layers[i].bias).copy_(tensor(l.Bias, [l.Outputs]));
        }
    }

    /// <summary>Every layer here is created with its weight and bias; TorchSharp types them as optional.</summary>
    private static Parameter Present(Parameter? p) => p ?? throw new InvalidOperationException("MLP layer without weight or bias");

    private static float[] Floats(Tensor t)
    {
        using var scope = NewDisposeScope();
        return t.detach().cpu().contiguous().data<float>().ToArray();
    }
}
