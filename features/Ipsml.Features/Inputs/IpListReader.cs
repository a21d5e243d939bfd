namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>ip-list</c> and <c>netset</c>: one address or CIDR network per line (FireHOL .ipset/.netset, CriticalPath
/// lists, Cloudflare/Akamai range files). '#' lines are comments; text after '#' or ';' on a data line is a comment
/// too; surrounding spaces and TABs are ignored; CRLF and a missing final newline are fine. An address gives a record
/// with <see cref="FeedRecord.Address"/>, a CIDR (even /32) one with <see cref="FeedRecord.Network"/>. A line with more
/// than one word is Malformed. The FireHOL header dates ("Source File Date", else "This File Date") and
/// "Last updated" banners set <see cref="FeedReadContext.HeaderDate"/>. The two names differ only in name.
/// </summary>
internal sealed class IpListReader(string format) : LineFeedReader
{
    public override string Format => format;

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, TimeZoneInfo.Utc)
    {
        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            var comment = text.IndexOfAny('#', ';');
            if (comment >= 0)
            {
                text = text[..comment].TrimEnd();
                if (text.IsEmpty)
                {
                    return null;
                }
            }

            if (text.IndexOfAny(' ', '\t') >= 0)
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "more than one word " + Detail.Quote(text));
            }

            return Tokens.AddressOrNetwork(number, text);
        }
    }
}
