namespace Ipsml.Features.Inputs;

/// <summary>
/// A reader of a line-oriented format. Lines end with LF, CRLF or CR; the last line needs no newline; a UTF-8 byte
/// order mark before the first line is ignored. Blank (whitespace-only) lines are skipped here; every other line goes
/// to the format's <see cref="LineParser"/>, which returns an item or null for a comment or header line. If the text
/// itself cannot be read any further (a truncated gzip stream, say), one Malformed drop is yielded for the line after
/// the last one read and reading stops.
/// </summary>
internal abstract class LineFeedReader : FeedReader
{
    protected override IEnumerable<FeedItem> ReadValidated(TextReader text, FeedReadContext context) =>
        ReadLines(text, context, CreateParser(context));

    /// <summary>A parser holding this file's state (header columns, zone, ...).</summary>
    protected abstract LineParser CreateParser(FeedReadContext context);

    private static IEnumerable<FeedItem> ReadLines(TextReader text, FeedReadContext context, LineParser parser)
    {
        long number = 0;
        while (true)
        {
            if (!TryReadLine(text, out var line, out var error))
            {
                yield return FeedItem.Dropped(number + 1, DropReason.Malformed, "unreadable: " + Detail.Clip(error));
                yield break;
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            if (number == 1 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }

            var item = string.IsNullOrWhiteSpace(line) ? null : parser.Parse(line, number);
            if (item is { } found)
            {
                yield return found;
            }
            else
            {
                context.SkippedLines++;
            }
        }
    }

    private static bool TryReadLine(TextReader text, out string? line, out string error)
    {
        try
        {
            line = text.ReadLine();
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            line = null;
            error = e.Message;
            return false;
        }
    }
}
