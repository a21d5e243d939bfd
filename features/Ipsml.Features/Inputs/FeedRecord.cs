using System.Net;

namespace Ipsml.Features.Inputs;

/// <summary>
/// One data line of a feed or log, read. Exactly one of <see cref="Address"/> and <see cref="Network"/> is set.
/// </summary>
/// <param name="Line">1-based line number in the source file.</param>
/// <param name="Address">A single address.</param>
/// <param name="Network">A CIDR network (netsets, Spamhaus DROP, cloud ranges).</param>
/// <param name="SeenAt">When the row says the address was seen, normalised to UTC; null when the row has no time.</param>
/// <param name="Weight">1, unless the format carries a count (IPsum: number of lists).</param>
/// <param name="Label">The row's own label where the format carries one (Zeek/Stratosphere "label"), else null.</param>
/// <param name="Peer">The other end of a connection, when the format has two and the reader parsed both (Zeek with
/// <c>remote=auto</c>, binetflow, conn-csv with two address columns); <see cref="Address"/> is the remote end.</param>
public readonly record struct FeedRecord(
    long Line,
    IPAddress? Address,
    IPNetwork? Network,
    DateTimeOffset? SeenAt,
    double Weight = 1.0,
    string? Label = null,
    IPAddress? Peer = null);

/// <summary>A line that was not used, with the reason and a short detail for the report.</summary>
public readonly record struct LineDrop(long Line, DropReason Reason, string Detail);

/// <summary>What a reader yields for each data line: a record or a drop, never neither.</summary>
public readonly record struct FeedItem(FeedRecord? Record, LineDrop? Drop)
{
    public static FeedItem Of(FeedRecord record) => new(record, null);

    public static FeedItem Dropped(long line, DropReason reason, string detail) => new(null, new LineDrop(line, reason, detail));
}
