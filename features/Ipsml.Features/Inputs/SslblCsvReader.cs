namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>sslbl-csv</c>: abuse.ch SSL Blacklist IP lists, both layouts, told apart row by row:
/// <list type="bullet">
/// <item><c>Firstseen,DstIP,DstPort</c> (2016 on): a UTC time, the address, a port; the header row may or may not be
/// commented out; extra trailing columns are ignored.</item>
/// <item>2015: <c>ip,port,reason</c> (the file's own "# DstIP,DstPort" comment notwithstanding): no row time.</item>
/// </list>
/// '#' lines are comments ("# Last updated: 2015-10-15 14:45:01 (UTC)" sets the header date; "# END (114) entries"
/// and "# Number of entries: 83" are skipped). Ports must be 0..65535 (BadValue), which catches shifted columns.
/// </summary>
internal sealed class SslblCsvReader : LineFeedReader
{
    public override string Format => "sslbl-csv";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, TimeZoneInfo.Utc)
    {
        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            Span<Range> ranges = stackalloc Range[3];
            var count = text.Split(ranges, ',');
            var first = text[ranges[0]].Trim();
            if (first.Equals("Firstseen", StringComparison.OrdinalIgnoreCase) || first.Equals("DstIP", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (Tokens.TryAddress(first, out var address))
            {
                // 2015 layout: ip,port[,reason]
                if (count < 2)
                {
                    return Detail.Columns(number, count, "ip,port,reason");
                }

                var portText = text[ranges[1]];
                return Tokens.IsPort(portText)
                    ? FeedItem.Of(new FeedRecord(number, address, null, null))
                    : FeedItem.Dropped(number, DropReason.BadValue, "bad port " + Detail.Quote(portText));
            }

            if (count < 3)
            {
                return Detail.Columns(number, count, "Firstseen,DstIP,DstPort");
            }

            var ipText = text[ranges[1]].Trim();
            if (!Tokens.TryAddress(ipText, out address))
            {
                return Detail.BadAddress(number, ipText);
            }

            if (!Tokens.TryTime(first, TimeZoneInfo.Utc, out var seenAt))
            {
                return Detail.BadTime(number, first);
            }

            var port = text[ranges[2]];
            var extra = port.IndexOf(',');
            port = extra < 0 ? port : port[..extra];
            return Tokens.IsPort(port)
                ? FeedItem.Of(new FeedRecord(number, address, null, seenAt))
                : FeedItem.Dropped(number, DropReason.BadValue, "bad port " + Detail.Quote(port));
        }
    }
}
