using System.Globalization;
using System.Net;
using Ipsml.Features.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// <c>binetflow</c>: Argus bidirectional flows as CSV, the form of the CTU-13 and Stratosphere captures:
/// <c>StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label</c>.
/// A header line (its first field <c>StartTime</c>) names the columns; without one the CTU-13 layout above is assumed.
/// A row must have one field per column. '#' lines are skipped.
/// <list type="bullet">
/// <item>Address: SrcAddr is the originator, DstAddr the responder; the remote end per option "remote" (default
/// <c>auto</c>: the rule of <see cref="ConnectionSides"/>, with option "local"); <c>Peer</c>: the other end.</item>
/// <item>Time: StartTime, <c>2011/08/10 09:46:59.607825</c> (Argus's default), ISO 8601 or epoch seconds (see
/// <see cref="ConnectionTimes"/>); zone-less times are read in option "timezone", UTC by default (CTU-13 captures were
/// written in Prague local time: pass <c>timezone=Europe/Prague</c>). An unreadable time is BadTime.</item>
/// <item>Label: the column named by option "labels" (default <c>Label</c>) when the file has it, a leading
/// <c>flow=</c> removed (<c>flow=From-Botnet-V42-TCP-CC6</c> gives <c>From-Botnet-V42-TCP-CC6</c>).</item>
/// </list>
/// </summary>
internal sealed class BinetflowReader : LineFeedReader
{
    private static readonly string[] DefaultColumns =
    [
        "StartTime", "Dur", "Proto", "SrcAddr", "Sport", "Dir", "DstAddr", "Dport", "State", "sTos", "dTos", "TotPkts",
        "TotBytes", "SrcBytes", "Label",
    ];

    public override string Format => "binetflow";

    public override IReadOnlyCollection<string> OptionNames => [ReaderOptions.Remote, ReaderOptions.Local, ReaderOptions.Labels, ReaderOptions.TimeZone];

    protected override void CheckOptionValues(IReadOnlyDictionary<string, string> options)
    {
        RemoteOf(options);
        ReaderOptions.Sides(options);
        ReaderOptions.Zone(options);
    }

    protected override LineParser CreateParser(FeedReadContext context) => new Parser(context);

    // Unlike Zeek's readers, whose default predates the rule, binetflow defaults to the documented rule.
    private static ZeekRemote RemoteOf(IReadOnlyDictionary<string, string> options) =>
        options.ContainsKey(ReaderOptions.Remote) ? ZeekRemoteOption.Parse(options) : ZeekRemote.Auto;

    private sealed class Parser : LineParser
    {
        private const int MaxColumns = 256;
        private const string LabelPrefix = "flow=";

        private readonly ZeekRemote side;
        private readonly ConnectionSides sides;
        private readonly TimeZoneInfo zone;
        private readonly string labelColumn;
        private int columns;
        private int timeColumn;
        private int srcColumn;
        private int dstColumn;
        private int labelIndex;
        private Range[] ranges = [];

        private readonly FeedReadContext context;

        public Parser(FeedReadContext context)
        {
            this.context = context;
            var options = context.Options;
            side = RemoteOf(options);
            sides = ReaderOptions.Sides(options);
            zone = ReaderOptions.Zone(options);
            labelColumn = options.GetValueOrDefault(ReaderOptions.Labels) is { Length: > 0 } name ? name : "Label";
            SetColumns(DefaultColumns);
        }

        public override FeedItem? Parse(string line, long number)
        {
            var text = line.AsSpan().TrimEnd('\r');
            if (text.TrimStart()[0] == '#')
            {
                return null;
            }

            if (text.StartsWith("StartTime", StringComparison.OrdinalIgnoreCase))
            {
                SetColumns(line.Split(','));
                return null;
            }

            var count = text.Split(ranges, ',');
            if (count != columns)
            {
                return Detail.Columns(number, count, columns.ToString(CultureInfo.InvariantCulture) + " (header)");
            }

            if (timeColumn < 0 || srcColumn < 0 || dstColumn < 0)
            {
                return FeedItem.Dropped(number, DropReason.Malformed, "header lacks StartTime, SrcAddr or DstAddr");
            }

            IPAddress? src = null;
            IPAddress? dst = null;
            if (side.NeedsOrig() && !Tokens.TryAddress(text[ranges[srcColumn]], out src))
            {
                return Detail.BadAddress(number, text[ranges[srcColumn]].Trim());
            }

            if (side.NeedsResp() && !Tokens.TryAddress(text[ranges[dstColumn]], out dst))
            {
                return Detail.BadAddress(number, text[ranges[dstColumn]].Trim());
            }

            var time = text[ranges[timeColumn]];
            if (!ConnectionTimes.TryParse(time, zone, out var seenAt))
            {
                return Detail.BadTime(number, time.Trim());
            }

            string? label = null;
            if (labelIndex >= 0)
            {
                var value = text[ranges[labelIndex]].Trim();
                if (value.StartsWith(LabelPrefix, StringComparison.OrdinalIgnoreCase))
                {
                    value = value[LabelPrefix.Length..];
                }

                label = value.IsEmpty ? null : value.ToString();
            }

            var (remote, peer) = side.Choose(sides, src, dst);
            return FeedItem.Of(new FeedRecord(number, remote, null, seenAt, 1.0, label, peer));
        }

        private void SetColumns(string[] names)
        {
            if (names.Length > MaxColumns)
            {
                names = names[..MaxColumns];
            }

            columns = names.Length;
            ranges = new Range[columns + 1];
            timeColumn = CsvFields.IndexOf(names, "StartTime");
            srcColumn = CsvFields.IndexOf(names, "SrcAddr");
            dstColumn = CsvFields.IndexOf(names, "DstAddr");
            labelIndex = CsvFields.IndexOf(names, labelColumn);
            context.Columns = names;
            context.HasLabelColumn = labelIndex >= 0;
        }
    }
}
