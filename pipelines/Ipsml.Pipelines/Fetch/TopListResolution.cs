using Ipsml.Features.Inputs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// What <see cref="TopListResolver.ResolveAsync"/> made of one top list: the resolved CSV (or a stale one, or none)
/// and counts for the report.
/// </summary>
public sealed record TopListResolution
{
    /// <summary>The <c>rank,domain,ip,resolved_at</c> blob; null when neither a new nor a cached one exists.</summary>
    public FetchedFile? File { get; init; }

    /// <summary>Set when something went wrong: lookups failed, lines were dropped, or a stale copy was used.</summary>
    public string? Warning { get; init; }

    /// <summary>Domains taken from the list (at most <see cref="TopListOptions.Count"/>).</summary>
    public int Domains { get; init; }

    /// <summary>Domains with at least one address.</summary>
    public int Resolved { get; init; }

    /// <summary>Domains that answered but have no address (NXDOMAIN, no A/AAAA).</summary>
    public int NoAddress { get; init; }

    /// <summary>Domains whose lookup failed (timeout, SERVFAIL, refused ...); not cached, asked again next time.</summary>
    public int Failed { get; init; }

    /// <summary>Domains answered from the on-disk answer cache.</summary>
    public int FromCache { get; init; }

    /// <summary>CSV rows written (one per domain and address).</summary>
    public int Rows { get; init; }

    /// <summary>List lines that were not a usable <c>rank,domain</c> row, with line and reason.</summary>
    public IReadOnlyList<LineDrop> Drops { get; init; } = [];
}
