using Ipsml.Features;

namespace Ipsml.Scoring;

/// <summary>
/// A trained model, loaded for scoring. Implementations are thread-safe: <see cref="Score"/> may be called
/// from several threads at once.
/// </summary>
public interface IScoringModel : IDisposable
{
    /// <summary>The runtime kind recorded in <c>model.json</c>, e.g. "mlnet" or "mlp".</summary>
    string Kind { get; }

    /// <summary>Probability that each row is malicious, in row order.</summary>
    float[] Score(IReadOnlyList<FeatureRow> rows);
}
