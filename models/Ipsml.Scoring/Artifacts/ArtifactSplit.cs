using System.Text.Json.Serialization;

namespace Ipsml.Scoring.Artifacts;

/// <summary>
/// How the data a model was trained on was split (<c>manifest.json</c> "split"): with it, a later champion gate can
/// tell which of its own test rows the model trained or validated on (the group split hashes each network group with
/// the seed), and compare on rows that are unseen by both models.
/// </summary>
public sealed record ArtifactSplit
{
    /// <summary>The split scheme the model was trained and chosen on: "group".</summary>
    [JsonPropertyName("scheme")]
    public required string Scheme { get; init; }

    /// <summary>The network group kind: "/24" (IPv4 /24, IPv6 /48).</summary>
    [JsonPropertyName("group")]
    public required string Group { get; init; }

    /// <summary>Share of groups in the training split.</summary>
    [JsonPropertyName("train")]
    public required double Train { get; init; }

    /// <summary>Share of groups in the validation split; the test split gets the rest.</summary>
    [JsonPropertyName("valid")]
    public required double Valid { get; init; }

    /// <summary>The seed of the group hash (the experiment's seed).</summary>
    [JsonPropertyName("seed")]
    public required int Seed { get; init; }
}
