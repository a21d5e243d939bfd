using System.Globalization;
using System.Net;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>zeek-conn</c>: Zeek conn.log in its TSV form (also the Stratosphere labelled variants). '#' directives are
/// skipped and read: <c>#separator \x09</c>, <c>#unset_field</c>, <c>#empty_field</c>, <c>#fields</c> (names the
/// columns; Zeek's default conn columns are assumed before it) and <c>#open YYYY-MM-DD-HH-MM-SS</c> (sets the header
/// date; read in option "timezone", UTC by default). A row must have one field per column.
/// <list type="bullet">
/// <item>Address: the remote end, per option "remote" (see <see cref="ZeekRemote"/>; option "local" adds local
/// networks to the <c>auto</c> rule, see <see cref="ConnectionSides"/>); <c>Peer</c>: the other end, when parsed.</item>
/// <item>Time: <c>ts</c>, epoch seconds. Values below 1e9 (before 2001-09-09) are relative seconds, as in captures
/// replayed from offset zero: with an <c>#open</c> line the time is #open + ts; without one the record has no time.
/// An unset or unreadable ts is BadTime.</item>
/// <item>Label: the column named by option "labels" (default <c>label</c>) when the log has it; unset and empty values give none.</item>
/// </list>
/// </summary>
internal sealed class ZeekConnReader : LineFeedReader
{
    /// <summary>Epoch values below this are read as seconds since the log was opened.</summary>
    public const double RelativeBelow = 1e9;

    private static readonly string[] DefaultFields =
    [
        "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "proto", "service", "duration", "orig_bytes",
        "resp_bytes", "conn_state", "local_orig", "local_resp", "missed_bytes", "history", "orig_pkts", "orig_ip_bytes",
        "resp_pkts", "resp_ip_bytes", "tunnel_parents",
    ];

    public override string Format => "zeek-conn";

    public override IReadOnlyCollection<string> OptionNames => ZeekConnOptions.Names;

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => ZeekConnOptions.Check(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    private sealed class Parser : LineParser
    {
        private const int MaxColumns = 512;

        private readonly FeedReadContext context;
        private readonly ZeekRemote side;
        private readonly ConnectionSides sides;
        private readonly string labelColumn;
        private readonly TimeZoneInfo zone;
        private char separator = '\t';
        private string unset = "-";
        private string empty = "(empty)";
        private DateTimeOffset? open;
        private int columns;
        private int tsColumn;
        private int origColumn;
        private int respColumn;
        private int labelIndex;
        private Range[] ranges = [];

        public Parser(FeedReadContext context)
        {
            this.context = context;
            side = ZeekRemoteOption.Parse(context.Options);
            sides = ReaderOptions.Sides(context.Options);
            labelColumn = context.Options.GetValueOrDefault(ReaderOptions.Labels) is { Length: > 0 } name ? name : "label";
            zone = ReaderOptions.Zone(context.Options);
            SetFields(DefaultFields);
        }

        public override FeedItem? Parse(string line, long number)
        {
            var text = line.AsSpan().TrimEnd('\r');
            if (text[0] == '#')
            {
                Directive(text);
                return null;
            }

            var count = text.Split(ranges, separator);
            if (count != columns)
            {
                return Detail.Columns(number, count, columns.ToString(CultureInfo.InvariantCulture) + " (#fields)");
            }

            if (tsColumn < 0 || respColumn < 0 || origColumn < 0)
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "#fields lacks ts, id.orig_h or id.resp_h");
            }

            IPAddress? orig = null;
            IPAddress? resp = null;
            if (side.NeedsOrig() && !Tokens.TryAddress(text[ranges[origColumn]], out orig))
            {
                return Detail.BadAddress(number, text[ranges[origColumn]]);
            }

            if (side.NeedsResp() && !Tokens.TryAddress(text[ranges[respColumn]], out resp))
            {
                return Detail.BadAddress(number, text[ranges[respColumn]]);
            }

            var ts = text[ranges[tsColumn]];
            if (!TimeParsing.TryParseEpochSeconds(ts, out var time))
            {
                return Detail.BadTime(number, ts);
            }

            DateTimeOffset? seenAt = time;
            var sinceEpoch = time - DateTimeOffset.UnixEpoch;
            if (sinceEpoch.TotalSeconds < RelativeBelow)
            {
                seenAt = open is { } opened && opened.UtcTicks + sinceEpoch.Ticks <= DateTimeOffset.MaxValue.UtcTicks
                    ? opened + sinceEpoch
                    : null;
            }

            string? label = null;
            if (labelIndex >= 0)
            {
                var value = text[ranges[labelIndex]].Trim();
                label = value.IsEmpty || value.SequenceEqual(unset) || value.SequenceEqual(empty) ? null : value.ToString();
            }

            var (remote, peer) = side.Choose(sides, orig, resp);
            return FeedItem.Of(new FeedRecord(number, remote, null, seenAt, 1.0, label, peer));
        }

        private void Directive(ReadOnlySpan<char> text)
        {
            if (text.StartsWith("#separator"))
            {
                var value = text["#separator".Length..].Trim();
                if (TryUnescape(value, out var c))
                {
                    separator = c;
                }

                return;
            }

            var cut = text.IndexOf(separator);
            if (cut < 0)
            {
                return;
            }

            var key = text[..cut];
            var value2 = text[(cut + 1)..];
            switch (key)
            {
                case "#unset_field":
                    unset = value2.ToString();
                    break;
                case "#empty_field":
                    empty = value2.ToString();
                    break;
                case "#fields":
                    SetFields(value2.ToString().Split(separator));
                    break;
                case "#open":
                    if (TimeParsing.TryParseHeaderDate(value2, zone, out var date))
                    {
                        open = date;
                        context.HeaderDate = date;
                    }

                    break;
            }
        }

        private void SetFields(string[] names)
        {
            if (names.Length > MaxColumns)
            {
                names = names[..MaxColumns];
            }

            columns = names.Length;
            ranges = new Range[columns + 1];
            tsColumn = Array.IndexOf(names, "ts");
            origColumn = Array.IndexOf(names, "id.orig_h");
            respColumn = Array.IndexOf(names, "id.resp_h");
            labelIndex = Array.IndexOf(names, labelColumn);
            context.Columns = names;
            context.HasLabelColumn = labelIndex >= 0;
        }

        // "\x09" → TAB; a single plain character stands for itself.
        private static bool TryUnescape(ReadOnlySpan<char> value, out char c)
        {
            c = default;
            if (value.Length == 4 && value[0] == '\\' && value[1] == 'x'
                && byte.TryParse(value[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                c = (char)b;
                return true;
            }

            if (value.Length == 1)
            {
                c = value[0];
                return true;
            }

            return false;
        }
    }
}
