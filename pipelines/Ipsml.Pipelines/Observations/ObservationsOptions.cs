namespace Ipsml.Pipelines.Observations;

/// <summary>The <c>observations</c> section of an experiment file.</summary>
public sealed class ObservationsOptions
{
    /// <summary>Feed names to read; null = every enabled feed of the registry.</summary>
    public List<string>? Include { get; set; }

    /// <summary>Feed names to leave out (e.g. hosting ranges that should not count as benign).</summary>
    public List<string> Exclude { get; set; } = [];

    public NetworkPolicy Networks { get; set; } = new();

    /// <summary>
    /// An address listed as malicious by one source and benign by another: "drop" (default: the label is
    /// ambiguous, so neither side keeps it), "malicious" (threat intelligence wins) or "benign".
    /// </summary>
    public string Conflicts { get; set; } = "drop";

    public static readonly IReadOnlySet<string> ConflictRules = new HashSet<string> { "drop", "malicious", "benign" };
}

/// <summary>
/// How CIDR rows (netsets, Spamhaus DROP, provider ranges) become addresses: a network counts as one listing, from
/// which up to <see cref="AddressesPerNetwork"/> addresses are drawn with the experiment seed (all usable addresses
/// of a smaller network). Networks shorter than the minimum prefix lengths are dropped as too large: a /8 is
/// never exploded. Benign provider ranges (CDN edges, a provider's own networks) get more draws than malicious
/// netsets, to grow the small benign side; the group split still keeps every /24 on one side.
/// </summary>
public sealed class NetworkPolicy
{
    public int AddressesPerNetwork { get; set; } = 4;

    public int AddressesPerBenignNetwork { get; set; } = 16;

    public int MinPrefixLengthV4 { get; set; } = 8;

    public int MinPrefixLengthV6 { get; set; } = 19;
}
