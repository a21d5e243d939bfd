namespace Ipsml.Features.Inputs;

/// <summary>
/// Finds the list date in '#' comment lines and sets <see cref="FeedReadContext.HeaderDate"/>. Keys, best first:
/// "Source File Date" (FireHOL: when upstream made the list), "Last updated" / "Last update" / "Last modified"
/// (abuse.ch, IPsum, geofeeds), then "This File Date" (FireHOL: when FireHOL processed it). Keys match with any
/// spacing before the colon ("This File Date  : ...") and in any case.
/// </summary>
internal sealed class HeaderDates(FeedReadContext context, TimeZoneInfo zoneLess)
{
    private static readonly (string Key, int Rank)[] Keys =
    [
        ("source file date", 0),
        ("last updated", 0),
        ("last update", 0),
        ("last modified", 0),
        ("this file date", 1),
    ];

    private int bestRank = int.MaxValue;

    /// <summary>Looks at one comment line (with or without its leading '#').</summary>
    public void Offer(ReadOnlySpan<char> comment)
    {
        var text = comment.TrimStart('#').Trim();
        var colon = text.IndexOf(':');
        if (colon <= 0)
        {
            return;
        }

        var key = text[..colon].Trim();
        foreach (var (name, rank) in Keys)
        {
            if (rank < bestRank && key.Equals(name, StringComparison.OrdinalIgnoreCase)
                && TimeParsing.TryParseHeaderDate(text[(colon + 1)..], zoneLess, out var date))
            {
                context.HeaderDate = date;
                bestRank = rank;
                return;
            }
        }
    }
}
