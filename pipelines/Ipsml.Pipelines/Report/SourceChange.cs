namespace Ipsml.Pipelines.Report;

/// <summary>
/// One feed in the champion's run and in this run: whether its input files changed (by SHA-256) and its counts
/// from each run's observations and dataset stages. A count is null when the feed was not in that run.
/// </summary>
public sealed record SourceChange(
    string Feed,
    string Files,
    long? ChampionLines,
    long? Lines,
    long? ChampionObservations,
    long? Observations,
    long? ChampionAddresses,
    long? Addresses,
    long? ChampionRows,
    long? Rows)
{
    public const string Same = "same";
    public const string Changed = "changed";
    public const string Added = "new feed";
    public const string Removed = "removed";

    /// <summary>True when the files differ or any count moved.</summary>
    public bool IsChange => Files != Same || ChampionLines != Lines || ChampionObservations != Observations || ChampionAddresses != Addresses || ChampionRows != Rows;
}
