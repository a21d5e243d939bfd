namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>geofeed-csv</c>: RFC 8805 self-published geofeeds, <c>prefix,country,region,city,postal</c>
/// (DigitalOcean, Linode). The prefix gives a <see cref="FeedRecord.Network"/> (a bare address an
/// <see cref="FeedRecord.Address"/>); the other fields are not used and may be missing. '#' lines are comments;
/// "# Last modified: 2025-07-24 10:00:06.525037" sets the header date (zone-less, read in option "timezone", UTC by default).
/// </summary>
internal sealed class GeofeedCsvReader : LineFeedReader
{
    public override string Format => "geofeed-csv";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ReaderOptions.Zone(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : CommentedLineParser(context, ReaderOptions.Zone(context.Options))
    {
        protected override FeedItem? ParseData(ReadOnlySpan<char> text, long number)
        {
            var comma = text.IndexOf(',');
            var prefix = (comma < 0 ? text : text[..comma]).Trim();
            return Tokens.AddressOrNetwork(number, prefix);
        }
    }
}
