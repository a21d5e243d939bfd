using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>dionaea-csv</c>: the Dionaea connection export, header <c>protocol, transport, type, dst_port, src_ip, src_port, timestamp</c>,
/// ", " separators and a trailing comma on each row. Some rows carry an extra free-text field after the timestamp
/// (<c>credentials: {password: [], username: [sa],</c>) that itself holds commas and braces and is not quoted, so
/// fields are taken by position from the left and anything after the header's columns is ignored. The header names
/// the columns (without one: src_ip is field 5, timestamp field 7); a row needs at least as many fields.
/// Times are zone-less ISO (<c>2022-05-07T15:08:48.091297</c>, fraction optional), read in option "timezone" (UTC by default).
/// </summary>
internal sealed class DionaeaCsvReader : LineFeedReader
{
    public override string Format => "dionaea-csv";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(ReaderOptions.Zone(context.Options));

    private const int MaxColumns = 64;

    private sealed class Parser(TimeZoneInfo zone) : LineParser
    {
        private int timeColumn = 6;
        private int ipColumn = 4;
        private int needed = 7;

        public override FeedItem? Parse(string line, long number)
        {
            var text = line.AsSpan().Trim();
            if (text[0] == '#')
            {
                return null;
            }

            if (text.StartsWith("protocol,", StringComparison.OrdinalIgnoreCase))
            {
                var header = new List<string>();
                CsvFields.TrySplit(text.ToString(), ',', header);
                var ip = CsvFields.IndexOf(header, "src_ip");
                var time = CsvFields.IndexOf(header, "timestamp");
                if (ip >= 0 && time >= 0 && header.Count <= MaxColumns)
                {
                    (ipColumn, timeColumn, needed) = (ip, time, header.Count);
                }

                return null;
            }

            Span<Range> ranges = stackalloc Range[needed + 1];
            var count = text.Split(ranges, ',');
            if (count < needed)
            {
                return Detail.Columns(number, count, $"at least {needed}");
            }

            var ipText = text[ranges[ipColumn]].Trim();
            if (!Tokens.TryAddress(ipText, out var address))
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
