using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring.Kinds;

namespace Ipsml.Training.Candidates;

/// <summary>
/// A trained MLP still in TorchSharp, holding the best epoch's weights both in the module and as the
/// <see cref="MlpNetwork"/> that gets saved. Lets tests compare TorchSharp's own scores with the C# scorer's.
/// </summary>
internal sealed class MlpFit(MlpModule module, MlpNetwork network, JsonObject parameters, JsonObject details) : IDisposable
{
    public MlpNetwork Network => network;

    /// <summary>Parameters as used, defaults filled in.</summary>
    public JsonObject Parameters => parameters;

    public JsonObject Details => details;

    /// <summary>TorchSharp's probabilities for <paramref name="rows"/>, encoded exactly as in training.</summary>
    public float[] TorchScores(IReadOnlyList<FeatureRow> rows) =>
        module.Probabilities(MlpInputs.Encode(rows, network.Embeddings, network.Numeric), network.Embeddings.Count, network.Numeric.Count);

    public void Dispose() => module.Dispose();
}
