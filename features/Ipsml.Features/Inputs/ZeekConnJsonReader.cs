using System.Net;
using System.Text.Json;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>zeek-conn-json</c>: Zeek conn.log written as JSON Lines (<c>LogAscii::use_json</c>), with the TSV form's field
/// names as keys (<c>"id.orig_h"</c>). <c>ts</c> is epoch seconds (a number, or a string) or an ISO 8601 string
/// (<c>JSON::TS_ISO8601</c>; a zone-less one is read in option "timezone", UTC by default). Epoch values below 1e9 are
/// relative and, with no #open line in this form, give a record without a time. Options "remote", "local" and "labels" as in
/// <c>zeek-conn</c>. Bad JSON, a non-object or a missing ts is Malformed/BadTime; '#' lines are skipped.
/// </summary>
internal sealed class ZeekConnJsonReader : LineFeedReader
{
    public override string Format => "zeek-conn-json";

    public override IReadOnlyCollection<string> OptionNames => ZeekConnOptions.Names;

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ZeekConnOptions.Check(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser(FeedReadContext context) : LineParser
    {
        private readonly ZeekRemote side = ZeekRemoteOption.Parse(context.Options);
        private readonly ConnectionSides sides = ReaderOptions.Sides(context.Options);
        private readonly string labelColumn = context.Options.GetValueOrDefault(ReaderOptions.Labels) is { Length: > 0 } name ? name : "label";
        private readonly TimeZoneInfo zone = ReaderOptions.Zone(context.Options);

        public override FeedItem? Parse(string line, long number)
        {
            if (line.TrimStart()[0] == '#')
            {
                return null;
            }

            if (!JsonLine.TryParseObject(line, number, out var document, out var drop))
            {
                return drop;
            }

            using (document)
            {
                var root = document.RootElement;
                IPAddress? orig = null;
                IPAddress? resp = null;
                if (side.NeedsOrig() && !TryAddress(root, "id.orig_h", out orig, out drop))
                {
                    return drop;
                }

                if (side.NeedsResp() && !TryAddress(root, "id.resp_h", out resp, out drop))
                {
                    return drop;
                }

                if (!root.TryGetProperty("ts", out var ts) || !TryTime(ts, out var seenAt))
                {
                    return Detail.BadTime(number, ts.ValueKind == JsonValueKind.Undefined ? "(missing)" : ts.GetRawText());
                }

                var label = JsonLine.String(root, labelColumn) is { Length: > 0 } value && value != "-" && value != "(empty)" ? value : null;
                var (remote, peer) = side.Choose(sides, orig, resp);
                return FeedItem.Of(new FeedRecord(number, remote, null, seenAt, 1.0, label, peer));
            }

            bool TryAddress(JsonElement root, string name, out IPAddress? address, out FeedItem bad)
            {
                var text = JsonLine.String(root, name);
                if (text is not null && Tokens.TryAddress(text, out address))
                {
                    bad = default;
                    return true;
                }

                address = null;
                bad = Detail.BadAddress(number, text ?? $"(no {name})");
                return false;
            }
        }

        private bool TryTime(JsonElement ts, out DateTimeOffset? seenAt)
        {
            seenAt = null;
            var text = ts.ValueKind switch
            {
                JsonValueKind.Number => ts.GetRawText(),
                JsonValueKind.String => ts.GetString() ?? "",
                _ => null,
            };
            if (text is null)
            {
                return false;
            }

            if (TimeParsing.TryParseEpochSeconds(text, out var epoch))
            {
                seenAt = (epoch - DateTimeOffset.UnixEpoch).TotalSeconds < ZeekConnReader.RelativeBelow ? null : epoch;
                return true;
            }

            if (TimeParsing.TryParse(text, zone, out var iso))
            {
                seenAt = iso;
                return true;
            }

            return false;
        }
    }
}
