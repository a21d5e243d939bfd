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

    /// <summary>The user's own traffic: connection logs read like feeds, as benign rows or unlabelled (counted and
    /// matched against the feeds, never trained on).</summary>
    public List<TrafficInput> Traffic { get; set; } = [];

    public static readonly IReadOnlySet<string> ConflictRules = new HashSet<string> { "drop", "malicious", "benign" };

    /// <summary>The registry's feeds this experiment reads (fetch fetches exactly these): Include, or every enabled feed, minus Exclude.</summary>
    public IReadOnlyList<Fetch.FeedDefinition> SelectFeeds(Fetch.FeedRegistry registry)
    {
        var known = registry.Feeds.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var name in (Include ?? []).Concat(Exclude))
        {
            if (!known.Contains(name))
            {
                throw new ArgumentException($"observations: feed '{name}' is not in the feed registry");
            }
        }

        return [.. registry.Feeds.Where(f => (Include is null ? f.Enabled : Include.Contains(f.Name)) && !Exclude.Contains(f.Name))];
    }
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

/// <summary>One file of the user's own traffic, e.g. <c>{ "name": "office-zeek", "path": "/logs/conn.log.gz", "format": "zeek-conn", "label": "unlabelled" }</c>.</summary>
public sealed class TrafficInput
{
    /// <summary>Kebab-case source name shown in the report and stored with benign rows.</summary>
    public string Name { get; set; } = "";

    public string Path { get; set; } = "";

    /// <summary>Any reader format (zeek-conn, zeek-conn-json, time-ip, ip-list, …).</summary>
    public string Format { get; set; } = "zeek-conn";

    /// <summary>"benign" (trained on as benign rows) or "unlabelled" (only counted and matched against the feeds).</summary>
    public string Label { get; set; } = "unlabelled";

    public Dictionary<string, string> Options { get; set; } = [];

    public static readonly IReadOnlySet<string> Labels = new HashSet<string> { "benign", "unlabelled" };
}
