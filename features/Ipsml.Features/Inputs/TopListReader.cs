using System.Globalization;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>toplist</c>: Cisco Umbrella / Alexa-style <c>rank,domain</c> lists (no addresses, so not an
/// <see cref="IFeedReader"/>: the benign side resolves the names later). CRLF, a missing final newline, '#' lines and a
/// <c>rank,domain</c> header are fine. Each other non-blank line yields one <see cref="TopListItem"/>: an entry, or a
/// drop — WrongColumnCount unless exactly two fields, BadValue for a rank that is not a whole number ≥ 1 or a name
/// that is not a DNS name (letters, digits, '-', '_', dots between non-empty labels, at most 253 characters).
/// The format takes no options.
/// </summary>
public sealed class TopListReader
{
    /// <summary>The format name in <c>data/feeds.json</c>.</summary>
    public const string FormatName = "toplist";

    public IEnumerable<TopListItem> Read(TextReader text, FeedReadContext context)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(context);
        FeedReaders.ValidateOptions(FormatName, context.Options);
        return ReadLines(text, context);
    }

    private static IEnumerable<TopListItem> ReadLines(TextReader text, FeedReadContext context)
    {
        long number = 0;
        while (true)
        {
            string? line;
            string? error = null;
            try
            {
                line = text.ReadLine();
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                line = null;
                error = e.Message;
            }

            if (error is not null)
            {
                yield return Drop(number + 1, DropReason.Malformed, "unreadable: " + Detail.Clip(error));
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            var item = string.IsNullOrWhiteSpace(line) ? null : Parse(line.AsSpan().Trim().TrimStart('\uFEFF'), number);
            if (item is { } found)
            {
                yield return found;
            }
            else
            {
                context.SkippedLines++;
            }
        }
    }

    private static TopListItem? Parse(ReadOnlySpan<char> text, long number)
    {
        if (text.IsEmpty || text[0] == '#')
        {
            return null;
        }

        Span<Range> ranges = stackalloc Range[3];
        var count = text.Split(ranges, ',');
        if (count != 2)
        {
            return Drop(number, DropReason.WrongColumnCount, $"{count} columns, expected 2 (rank,domain)");
        }

        var rankText = text[ranges[0]].Trim();
        var domain = text[ranges[1]].Trim().TrimEnd('.');
        if (rankText.Equals("rank", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!long.TryParse(rankText, NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank < 1)
        {
            return Drop(number, DropReason.BadValue, "bad rank " + Detail.Quote(rankText));
        }

        if (!IsDomain(domain))
        {
            return Drop(number, DropReason.BadValue, "bad domain " + Detail.Quote(domain));
        }

        return new TopListItem(new TopListEntry(number, rank, domain.ToString().ToLowerInvariant()), null);
    }

    private static bool IsDomain(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || name.Length > 253)
        {
            return false;
        }

        var labelLength = 0;
        foreach (var c in name)
        {
            if (c == '.')
            {
                if (labelLength == 0)
                {
                    return false;
                }

                labelLength = 0;
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            {
                if (++labelLength > 63)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }

        return labelLength > 0;
    }

    private static TopListItem Drop(long line, DropReason reason, string detail) => new(null, new LineDrop(line, reason, detail));
}
