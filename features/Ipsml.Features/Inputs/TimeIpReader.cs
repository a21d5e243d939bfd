namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>time-ip</c>: csirtg-ipsml's <c>timestamp,ip</c> lists (blacklist.txt, whitelist.txt). Timestamps mix
/// <c>2018-08-14 19:13:35 UTC</c>, <c>2018-04-11T00:48:10Z</c> and zone-less <c>2018-04-11T04:28:01</c>
/// (read in option "timezone", UTC by default). '#' lines and a <c>timestamp,ip</c> header are skipped.
/// An empty timestamp gives a record without a time.
/// </summary>
internal sealed class TimeIpReader : LineFeedReader
{
    public override string Format => "time-ip";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, ReaderOptions.Zone(context.Options))
    {
        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            var comma = text.IndexOf(',');
            if (comma < 0 || text[(comma + 1)..].Contains(','))
            {
                return Detail.Columns(number, text.Count(',') + 1, "2 (timestamp,ip)");
            }

            var timeText = text[..comma].Trim();
            var ipText = text[(comma + 1)..].Trim();
            if (timeText.Equals("timestamp", StringComparison.OrdinalIgnoreCase) && ipText.Equals("ip", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!Tokens.TryAddress(ipText, out var address))
            {
                return Detail.BadAddress(number, ipText);
            }

            if (!Tokens.TryTime(timeText, ZoneLess, out var seenAt))
            {
                return Detail.BadTime(number, timeText);
            }

            return FeedItem.Of(new FeedRecord(number, address, null, seenAt));
        }
    }
}
