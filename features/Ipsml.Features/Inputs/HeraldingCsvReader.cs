using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>heralding-csv</c>: Heralding honeypot activity logs, header
/// <c>timestamp,auth_id,session_id,source_ip,source_port,destination_ip,destination_port,protocol,username,password</c>.
/// The header row (and a repeat of it, as in concatenated logs) is skipped and names the columns; rows must have as
/// many fields as the header (fields may be CSV-quoted, as Python's csv module writes a password with a comma).
/// Without a header, timestamp is field 1 and source_ip field 4. Times are zone-less
/// (<c>2016-12-14 21:50:14.344387</c>), read in option "timezone" (UTC by default).
/// </summary>
internal sealed class HeraldingCsvReader : LineFeedReader
{
    public override string Format => "heralding-csv";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(ReaderOptions.Zone(context.Options));

    private sealed class Parser(TimeZoneInfo zone) : LineParser
    {
        private readonly List<string> fields = [];
        private int timeColumn;
        private int ipColumn = 3;
        private int columns = -1;

        public override FeedItem? Parse(string line, long number)
        {
            if (line.TrimStart()[0] == '#')
            {
                return null;
            }

            if (!CsvFields.TrySplit(line.TrimEnd(), ',', fields))
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "unclosed quote");
            }

            var ipHeader = CsvFields.IndexOf(fields, "source_ip");
            if (ipHeader >= 0)
            {
                ipColumn = ipHeader;
                timeColumn = CsvFields.IndexOf(fields, "timestamp");
                columns = fields.Count;
                return null;
            }

            if (columns >= 0 ? fields.Count != columns : fields.Count <= Math.Max(ipColumn, timeColumn))
            {
                return Detail.Columns(number, fields.Count, columns >= 0 ? columns.ToString(System.Globalization.CultureInfo.InvariantCulture) : "at least 4");
            }

            var ipText = fields[ipColumn];
            if (!Tokens.TryAddress(ipText, out var address))
            {
                return Detail.BadAddress(number, ipText);
            }

            DateTimeOffset? seenAt = null;
            if (timeColumn >= 0 && !Tokens.TryTime(fields[timeColumn], zone, out seenAt))
            {
                return Detail.BadTime(number, fields[timeColumn]);
            }

            return FeedItem.Of(new FeedRecord(number, address, null, seenAt));
        }
    }
}
