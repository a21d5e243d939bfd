using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>marx-csv</c>: the "marx" AWS honeypot data (Data-Driven Security), header <c>datetime,host,src,proto,type,spt,dpt</c>.
/// src is the source IPv4 as an unsigned 32-bit decimal (1032051418 = 61.131.77.218); a dotted address is accepted
/// too. Rows must have as many fields as the header (7 without one; datetime is field 1, src field 3). Times
/// (<c>2013-03-03 21:53:59</c>) state no zone and are read in option "timezone" (UTC by default). The file is gzip:
/// open it with <see cref="FeedFile.OpenText(string)"/>.
/// </summary>
internal sealed class MarxCsvReader : LineFeedReader
{
    public override string Format => "marx-csv";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(ReaderOptions.Zone(context.Options));

    private const int MaxColumns = 64;

    private sealed class Parser(TimeZoneInfo zone) : LineParser
    {
        private int timeColumn;
        private int ipColumn = 2;
        private int columns = 7;

        public override FeedItem? Parse(string line, long number)
        {
            var text = line.AsSpan().Trim();
            if (text[0] == '#')
            {
                return null;
            }

            if (text.StartsWith("datetime,", StringComparison.OrdinalIgnoreCase))
            {
                var header = new List<string>();
                CsvFields.TrySplit(text.ToString(), ',', header);
                var ip = CsvFields.IndexOf(header, "src");
                var time = CsvFields.IndexOf(header, "datetime");
                if (ip >= 0 && time >= 0 && header.Count <= MaxColumns)
                {
                    (ipColumn, timeColumn, columns) = (ip, time, header.Count);
                }

                return null;
            }

            Span<Range> ranges = stackalloc Range[columns + 1];
            var count = text.Split(ranges, ',');
            if (count != columns)
            {
                return Detail.Columns(number, count, columns.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var ipText = text[ranges[ipColumn]].Trim();
            System.Net.IPAddress? address;
            if (uint.TryParse(ipText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                address = Net.IpParsing.FromUInt32(value);
            }
            else if (!Tokens.TryAddress(ipText, out address))
            {
                return Detail.BadAddress(number, ipText);
            }

            var timeText = text[ranges[timeColumn]];
            if (!Tokens.TryTime(timeText, zone, out var seenAt))
            {
                return Detail.BadTime(number, timeText.Trim());
            }

            return FeedItem.Of(new FeedRecord(number, address, null, seenAt));
        }
    }
}
