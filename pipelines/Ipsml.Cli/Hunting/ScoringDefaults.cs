namespace Ipsml.Cli.Hunting;

/// <summary>Sizes of the streaming pipeline.</summary>
internal static class ScoringDefaults
{
    /// <summary>Connections per batch: one model call per batch for the rows the caches do not know.</summary>
    public const int BatchSize = 4096;

    /// <summary>
    /// The longest input line read, in characters (64 Ki): a longer line is a LineTooLong bad line, read through
    /// without being held. No connection log or ip[,hour] line comes near it.
    /// </summary>
    public const int MaxLineLength = 64 * 1024;
}
