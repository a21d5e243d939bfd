using System.Globalization;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>ipsum</c>: stamparm/ipsum <c>IP&lt;TAB&gt;count</c>, count = number of blacklists listing the address, which
/// becomes <see cref="FeedRecord.Weight"/> (a whole number ≥ 1, else BadValue). Words may be separated by any run of
/// TABs or spaces. '#' lines are comments; "# Last update: Sat, 22 Aug 2026 03:00:29 +0200" sets the header date.
/// </summary>
internal sealed class IpsumReader : LineFeedReader
{
    public override string Format => "ipsum";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, TimeZoneInfo.Utc)
    {
        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            Span<Range> words = stackalloc Range[3];
            var count = text.SplitAny(words, " \t", StringSplitOptions.RemoveEmptyEntries);
            if (count != 2)
            {
                return Detail.Columns(number, count, "2 (ip, count)");
            }

            var ipText = text[words[0]];
            var countText = text[words[1]];
            if (!Tokens.TryAddress(ipText, out var address))
            {
                return Detail.BadAddress(number, ipText);
            }

            if (!int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var lists) || lists < 1)
            {
                return FeedItem.Dropped(number, DropReason.BadValue, "bad count " + Detail.Quote(countText));
            }

            return FeedItem.Of(new FeedRecord(number, address, null, null, lists));
        }
    }
}
