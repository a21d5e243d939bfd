namespace Ipsml.Features.Inputs;

/// <summary>
/// A parser of a format whose '#' lines are comments, some of which carry the list's date: comment lines are offered
/// to <see cref="HeaderDates"/> and skipped; every other line reaches <see cref="ParseData"/> trimmed.
/// </summary>
internal abstract class CommentedLineParser(FeedReadContext context, TimeZoneInfo zoneLess) : LineParser
{
    private readonly HeaderDates headerDates = new(context, zoneLess);

    /// <summary>The zone of times written without one (in header dates and, for formats with times, in rows).</summary>
    protected TimeZoneInfo ZoneLess => zoneLess;

    public sealed override FeedItem? Parse(string line, long number)
    {
        var text = line.AsSpan().Trim();
        if (text[0] == '#')
        {
            headerDates.Offer(text);
            return null;
        }

        return ParseData(text, number);
    }

    /// <summary>The item for a data line (trimmed, not empty), or null for a header line. Never throws for bad content.</summary>
    protected abstract FeedItem? ParseData(ReadOnlySpan<char> text, long number);
}
