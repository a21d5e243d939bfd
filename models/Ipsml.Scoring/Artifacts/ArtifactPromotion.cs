using System.Text.Json.Serialization;

namespace Ipsml.Scoring.Artifacts;

/// <summary>
/// The manifest's record of the champion gate that let this version be published: the champion it was compared
/// with, every check, and — when the gate failed and publishing was forced — the warning that says so.
/// </summary>
public sealed record ArtifactPromotion
{
    /// <summary>True when every gate check passed.</summary>
    [JsonPropertyName("gatePassed")]
    public required bool GatePassed { get; init; }

    /// <summary>True when the gate failed and the version was published anyway (<c>ipsml publish --force-promote</c>).</summary>
    [JsonPropertyName("forced")]
    public required bool Forced { get; init; }

    /// <summary>The version it was compared with; null for the first model.</summary>
    [JsonPropertyName("champion")]
    public string? Champion { get; init; }

    /// <summary>Every gate check in words, prefixed "pass:" or "FAIL:".</summary>
    [JsonPropertyName("checks")]
    public required IReadOnlyList<string> Checks { get; init; }

    /// <summary>Set when <see cref="Forced"/>: what was overridden.</summary>
    [JsonPropertyName("warning")]
    public string? Warning { get; init; }
}
