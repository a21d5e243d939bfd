using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>feodo-csv</c>: abuse.ch Feodo Tracker "Botnet C2 IP Blocklist (CSV)". '#' banner lines are comments
/// ("# Last updated: 2021-12-20 00:03:32 UTC" sets the header date; "# END 750 entries" is skipped); the header row
/// <c>"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"</c> is skipped and names the columns
/// (older files call them Firstseen and DstIP). Fields may be double-quoted. A row must have as many fields as the
/// header; without a header the time is field 1 and the address field 2. first_seen is UTC by definition.
/// </summary>
internal sealed class FeodoCsvReader : LineFeedReader
{
    public override string Format => "feodo-csv";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, TimeZoneInfo.Utc)
    {
        private readonly List<string> fields = [];
        private int timeColumn;
        private int ipColumn = 1;
        private int columns = -1;

        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            if (!CsvFields.TrySplit(text.ToString(), ',', fields))
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "unclosed quote");
            }

            var ipHeader = CsvFields.IndexOf(fields, "dst_ip", "dstip", "ip_address");
            if (ipHeader >= 0)
            {
                ipColumn = ipHeader;
                timeColumn = CsvFields.IndexOf(fields, "first_seen_utc", "first_seen", "firstseen");
                columns = fields.Count;
                return null;
            }

            if (columns >= 0 ? fields.Count != columns : fields.Count <= Math.Max(ipColumn, timeColumn))
            {
                return Detail.Columns(number, fields.Count, columns >= 0 ? columns.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least 2");
            }

            var ipText = fields[ipColumn];
            if (!Tokens.TryAddress(ipText, out var address))
            {
                return Detail.BadAddress(number, ipText);
            }

            DateTimeOffset? seenAt = null;
            if (timeColumn >= 0 && !Tokens.TryTime(fields[timeColumn], TimeZoneInfo.Utc, out seenAt))
            {
                return Detail.BadTime(number, fields[timeColumn]);
            }

            return FeedItem.Of(new FeedRecord(number, address, null, seenAt));
        }
    }
}
