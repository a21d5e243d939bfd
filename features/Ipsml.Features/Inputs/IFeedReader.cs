namespace Ipsml.Features.Inputs;

/// <summary>
/// Reads one native feed or log format. Each data line yields exactly one <see cref="FeedItem"/>
/// (a record or a drop with its reason); comment, header and blank lines yield nothing and are
/// counted in <see cref="FeedReadContext.SkippedLines"/>. Readers never throw for bad content.
/// </summary>
public interface IFeedReader
{
    /// <summary>The format name used in <c>data/feeds.json</c>, e.g. "ipset".</summary>
    string Format { get; }

    IEnumerable<FeedItem> Read(TextReader text, FeedReadContext context);
}

/// <summary>Per-file state shared between the caller and a reader.</summary>
public sealed class FeedReadContext
{
    public FeedReadContext(string file, IReadOnlyDictionary<string, string>? options = null)
    {
        File = file;
        Options = options ?? new Dictionary<string, string>();
    }

    /// <summary>Name of the file being read, for messages.</summary>
    public string File { get; }

    /// <summary>Format options from the feed registry (e.g. "timezone", "column").</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The date the file's header or metadata states for the whole list, when it has one.</summary>
    public DateTimeOffset? HeaderDate { get; set; }

    /// <summary>Comment, header and blank lines: not data, not drops.</summary>
    public long SkippedLines { get; set; }

    /// <summary>
    /// Readers of logs with a header (Zeek <c>#fields</c>, a binetflow or CSV header line): its column names once read
    /// (before it, the format's default columns where it has them); null for a format without one.
    /// </summary>
    public IReadOnlyList<string>? Columns { get; set; }

    /// <summary>
    /// Readers of labelled logs with a header: whether <see cref="Columns"/> holds the label column (option "labels" or
    /// the format's default); null when there is no header, or (CSV) no label column was asked for.
    /// </summary>
    public bool? HasLabelColumn { get; set; }

    /// <summary>
    /// Line-oriented readers: a longer line is a <see cref="DropReason.LineTooLong"/> drop, read through without being
    /// held in memory (see <see cref="BoundedLineReader"/>). Null: no limit.
    /// </summary>
    public int? MaxLineLength { get; init; }
}
