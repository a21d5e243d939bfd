using System.Text.Json;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>spamhaus-drop-json</c>: Spamhaus DROP/EDROP as JSON Lines, one <c>{"cidr":"1.10.16.0/20","sblid":...,"rir":...}</c>
/// per line. The metadata line <c>{"type":"metadata","timestamp":1784798042,...}</c> is skipped (not dropped) and its
/// epoch timestamp sets the header date. Bad JSON, a non-object, or an object with neither cidr nor type metadata is
/// Malformed; a cidr that does not parse is BadNetwork.
/// </summary>
internal sealed class SpamhausDropJsonReader : LineFeedReader
{
    public override string Format => "spamhaus-drop-json";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : LineParser
    {
        public override FeedItem? Parse(string line, long number)
        {
            if (!JsonLine.TryParseObject(line, number, out var document, out var drop))
            {
                return drop;
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("cidr", out var cidr))
                {
                    return cidr.ValueKind == JsonValueKind.String
                        ? Tokens.AddressOrNetwork(number, cidr.GetString().AsSpan().Trim())
                        : FeedItem.Dropped(number, DropReason.BadNetwork, "cidr is not a string");
                }

                if (JsonLine.String(root, "type") == "metadata")
                {
                    if (root.TryGetProperty("timestamp", out var stamp) && stamp.ValueKind == JsonValueKind.Number
                        && TimeParsing.TryParseEpochSeconds(stamp.GetRawText(), out var date))
                    {
                        context.HeaderDate = date;
                    }

                    return null;
                }

                return FeedItem.Dropped(number, DropReason.Malformed, "object without cidr");
            }
        }
    }
}
