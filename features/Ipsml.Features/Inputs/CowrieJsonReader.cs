namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>cowrie-json</c>: Cowrie honeypot JSON Lines. Each <c>cowrie.session.connect</c> event is a record (src_ip,
/// timestamp); every other event id is skipped (not dropped). Bad JSON, a non-object or an object without an
/// eventid is Malformed. Cowrie writes UTC (<c>2018-05-06T17:44:05.866769Z</c>); a zone-less time is read as UTC.
/// </summary>
internal sealed class CowrieJsonReader : LineFeedReader
{
    public const string ConnectEvent = "cowrie.session.connect";

    public override string Format => "cowrie-json";

    protected override LineParser CreateParser(FeedReadContext context) => new Parser();

    private sealed class Parser : LineParser
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
                var eventId = JsonLine.String(root, "eventid");
                if (eventId is null)
                {
                    return FeedItem.Dropped(number, DropReason.Malformed, "no eventid");
                }

                if (eventId != ConnectEvent)
                {
                    return null;
                }

                var ip = JsonLine.String(root, "src_ip");
                if (ip is null || !Tokens.TryAddress(ip, out var address))
                {
                    return Detail.BadAddress(number, ip ?? "(missing)");
                }

                var hasTime = root.TryGetProperty("timestamp", out var stamp);
                var time = hasTime && stamp.ValueKind == System.Text.Json.JsonValueKind.String ? stamp.GetString() : null;
                if ((hasTime && time is null) || !Tokens.TryTime(time, TimeZoneInfo.Utc, out var seenAt))
                {
                    return Detail.BadTime(number, time ?? stamp.GetRawText());
                }

                return FeedItem.Of(new FeedRecord(number, address, null, seenAt));
            }
        }
    }
}
