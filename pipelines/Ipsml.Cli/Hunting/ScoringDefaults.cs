namespace Ipsml.Cli.Hunting;

/// <summary>Sizes of the streaming pipeline.</summary>
internal static class ScoringDefaults
{
    /// <summary>Connections per batch: one model call per batch for the rows the caches do not know.</summary>
    public const int BatchSize = 4096;
}
