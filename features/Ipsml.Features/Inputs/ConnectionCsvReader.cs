using System.Globalization;
using System.Net;
using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>conn-csv</c>: any delimited connection log whose columns are named by options. Columns are given by header name
/// (matched trimmed, any case) or by 1-based number:
/// <list type="bullet">
/// <item><c>ip-column</c>: one address column, the remote end; or <c>ip-columns</c>: <c>ORIG,RESP</c>, two address
/// columns, the remote end chosen per option "remote" (default <c>auto</c>: the rule of <see cref="ConnectionSides"/>,
/// with option "local"), the other end in <c>Peer</c>. Exactly one of the two is required.</item>
/// <item><c>time-column</c> (optional): epoch seconds, epoch milliseconds, ISO 8601 or <c>YYYY/MM/DD HH:MM:SS</c>
/// (<see cref="ConnectionTimes"/>); zone-less times in option "timezone", UTC by default. Without it, records have no
/// time; an empty or <c>-</c> time gives none; anything else unreadable is BadTime.</item>
/// <item><c>labels</c> (optional): a label column.</item>
/// <item><c>separator</c>: one character, or <c>tab</c>; default <c>,</c>. Fields may be quoted (RFC 4180).</item>
/// <item><c>header</c>: <c>true</c> or <c>false</c>: whether the first line that is not a '#' comment names the
/// columns. Default: true when any column is given by name, false when all are numbers.</item>
/// </list>
/// A row must have as many fields as the header (or, without a header, reach the highest column used). A header that
/// lacks a named column makes every row Malformed.
/// </summary>
internal sealed class ConnectionCsvReader : LineFeedReader
{
    public const string IpColumn = "ip-column";
    public const string IpColumns = "ip-columns";
    public const string TimeColumn = "time-column";
    public const string SeparatorOption = "separator";
    public const string HeaderOption = "header";

    public override string Format => "conn-csv";

    public override IReadOnlyCollection<string> OptionNames =>
        [IpColumn, IpColumns, TimeColumn, ReaderOptions.Labels, SeparatorOption, HeaderOption, ReaderOptions.Remote, ReaderOptions.Local, ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options) => Settings.From(options);

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(Settings.From(context.Options), context);

    /// <summary>A column by name or by 1-based number.</summary>
    private readonly record struct ColumnRef(string? Name, int Index)
    {
        public static ColumnRef Parse(string option, string value)
        {
            value = value.Trim();
            if (value.Length == 0)
            {
                throw new ArgumentException($"option '{option}' names no column", nameof(value));
            }

            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number is >= 1 and <= Parser.MaxColumns
                    ? new ColumnRef(null, number - 1)
                    : throw new ArgumentException($"option '{option}': column {number} is not 1..{Parser.MaxColumns}", nameof(value));
            }

            return new ColumnRef(value, -1);
        }

        public int Resolve(IReadOnlyList<string>? header) => Name is null ? Index : header is null ? -1 : CsvFields.IndexOf(header, Name);

        public override string ToString() => Name ?? (Index + 1).ToString(CultureInfo.InvariantCulture);
    }

    private sealed record Settings(
        ColumnRef? Orig,
        ColumnRef Resp,
        ColumnRef? Time,
        ColumnRef? Label,
        char Separator,
        bool Header,
        ZeekRemote Side,
        ConnectionSides Sides,
        TimeZoneInfo Zone)
    {
        public static Settings From(IReadOnlyDictionary<string, string> options)
        {
            var one = options.GetValueOrDefault(IpColumn);
            var two = options.GetValueOrDefault(IpColumns);
            if ((one is null) == (two is null))
            {
                throw new ArgumentException($"format 'conn-csv' needs exactly one of options '{IpColumn}' (the remote address) and '{IpColumns}' (ORIG,RESP)", nameof(options));
            }

            ColumnRef? orig = null;
            ColumnRef resp;
            if (two is not null)
            {
                var parts = two.Split(',');
                if (parts.Length != 2)
                {
                    throw new ArgumentException($"option '{IpColumns}' must be ORIG,RESP (two columns), not '{two}'", nameof(options));
                }

                orig = ColumnRef.Parse(IpColumns, parts[0]);
                resp = ColumnRef.Parse(IpColumns, parts[1]);
            }
            else
            {
                resp = ColumnRef.Parse(IpColumn, one!);
            }

            var time = options.GetValueOrDefault(TimeColumn) is { } t ? ColumnRef.Parse(TimeColumn, t) : (ColumnRef?)null;
            var label = options.GetValueOrDefault(ReaderOptions.Labels) is { } l ? ColumnRef.Parse(ReaderOptions.Labels, l) : (ColumnRef?)null;
            var separator = options.GetValueOrDefault(SeparatorOption) switch
            {
                null or "" => ',',
                "tab" or "\\t" or "\t" => '\t',
                { Length: 1 } s when s[0] != '"' => s[0],
                var s => throw new ArgumentException($"option '{SeparatorOption}' must be one character or 'tab', not '{s}'", nameof(options)),
            };
            var byName = new[] { orig, resp, time, label }.Any(c => c?.Name is not null);
            var header = options.GetValueOrDefault(HeaderOption) switch
            {
                null or "" => byName,
                "true" => true,
                "false" => byName
                    ? throw new ArgumentException($"option '{HeaderOption}' is false but a column is given by name", nameof(options))
                    : false,
                var h => throw new ArgumentException($"option '{HeaderOption}' must be true or false, not '{h}'", nameof(options)),
            };
            var side = options.ContainsKey(ReaderOptions.Remote) ? ZeekRemoteOption.Parse(options) : ZeekRemote.Auto;
            if (orig is null && side != ZeekRemote.Auto && options.ContainsKey(ReaderOptions.Remote))
            {
                throw new ArgumentException($"option '{ReaderOptions.Remote}' needs two address columns ('{IpColumns}')", nameof(options));
            }

            return new Settings(orig, resp, time, label, separator, header, side, ReaderOptions.Sides(options), ReaderOptions.Zone(options));
        }
    }

    private sealed class Parser(Settings settings, FeedReadContext context) : LineParser
    {
        public const int MaxColumns = 1024;

        private readonly List<string> fields = [];
        private bool awaitingHeader = settings.Header;
        private int orig = settings.Orig?.Index ?? -1;
        private int resp = settings.Resp.Index;
        private int time = settings.Time?.Index ?? -1;
        private int label = settings.Label?.Index ?? -1;
        private int needed = 1 + new[] { settings.Orig?.Index ?? -1, settings.Resp.Index, settings.Time?.Index ?? -1, settings.Label?.Index ?? -1 }.Max();
        private string? missing;

        public override FeedItem? Parse(string line, long number)
        {
            if (line.AsSpan().TrimStart()[0] == '#')
            {
                return null;
            }

            if (!CsvFields.TrySplit(line.TrimEnd('\r'), settings.Separator, fields))
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "unclosed quote");
            }

            if (awaitingHeader)
            {
                awaitingHeader = false;
                ReadHeader();
                return null;
            }

            if (missing is not null)
            {
                return FeedItem.Dropped(number, DropReason.Malformed, $"the header has no column '{missing}'");
            }

            if (settings.Header ? fields.Count != needed : fields.Count < needed)
            {
                return Detail.Columns(number, fields.Count, settings.Header ? needed.ToString(CultureInfo.InvariantCulture) + " (header)" : $"at least {needed}");
            }

            IPAddress? origAddress = null;
            IPAddress? respAddress = null;
            if (orig >= 0 && settings.Side.NeedsOrig() && !Tokens.TryAddress(fields[orig], out origAddress))
            {
                return Detail.BadAddress(number, fields[orig].Trim());
            }

            if ((orig < 0 || settings.Side.NeedsResp()) && !Tokens.TryAddress(fields[resp], out respAddress))
            {
                return Detail.BadAddress(number, fields[resp].Trim());
            }

            DateTimeOffset? seenAt = null;
            if (time >= 0)
            {
                var text = fields[time].AsSpan().Trim();
                if (!text.IsEmpty && text is not "-")
                {
                    if (!ConnectionTimes.TryParse(text, settings.Zone, out var parsed))
                    {
                        return Detail.BadTime(number, text);
                    }

                    seenAt = parsed;
                }
            }

            var value = label >= 0 ? fields[label].Trim() : "";
            var (remote, peer) = orig < 0 ? (respAddress!, null) : settings.Side.Choose(settings.Sides, origAddress, respAddress);
            return FeedItem.Of(new FeedRecord(number, remote, null, seenAt, 1.0, value.Length == 0 || value == "-" ? null : value, peer));
        }

        private void ReadHeader()
        {
            var header = fields.Count > MaxColumns ? fields.GetRange(0, MaxColumns) : [.. fields];
            orig = Resolve(settings.Orig, header);
            resp = Resolve(settings.Resp, header);
            time = Resolve(settings.Time, header);
            label = Resolve(settings.Label, header);
            needed = header.Count;
            context.Columns = header;
            context.HasLabelColumn = settings.Label is null ? null : label >= 0 && label < header.Count;
        }

        private int Resolve(ColumnRef? column, List<string> header)
        {
            if (column is not { } c)
            {
                return -1;
            }

            var index = c.Resolve(header);
            if (index < 0 || index >= header.Count)
            {
                missing ??= c.ToString();
            }

            return index;
        }
    }
}
