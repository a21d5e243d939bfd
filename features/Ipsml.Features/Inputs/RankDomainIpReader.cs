using System.Globalization;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>rank-domain-ip</c>: top-site lists resolved to one address per domain, <c>rank,domain,ipv4</c>
/// (alexa-top-1000-ips.csv). Exactly three fields; rank a whole number ≥ 1 and the domain non-empty (else BadValue).
/// A <c>rank,domain,ip</c> header and '#' lines are skipped. Records have no time.
/// </summary>
internal sealed class RankDomainIpReader : LineFeedReader
{
    public override string Format => "rank-domain-ip";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser();

    private sealed class Parser : LineParser
    {
        public override FeedItem? Parse(string line, long number)
        {
            var text = line.AsSpan().Trim();
            if (text[0] == '#')
            {
                return null;
            }

            Span<Range> ranges = stackalloc Range[4];
            var count = text.Split(ranges, ',');
            if (count != 3)
            {
                return Detail.Columns(number, count, "3 (rank,domain,ip)");
            }

            var rank = text[ranges[0]].Trim();
            if (rank.Equals("rank", StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            if (!long.TryParse(rank, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                return FeedItem.Dropped(number, DropReason.BadValue, "bad rank " + Detail.Quote(rank));
            }

            if (text[ranges[1]].Trim().IsEmpty)
            {
                return FeedItem.Dropped(number, DropReason.BadValue, "empty domain");
            }

            var ip = text[ranges[2]].Trim();
            return Tokens.TryAddress(ip, out var address)
                ? FeedItem.Of(new FeedRecord(number, address, null, null))
                : Detail.BadAddress(number, ip);
        }
    }
}
