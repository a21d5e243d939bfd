using System.Globalization;

namespace Ipsml.Features.Inputs;

/// <summary>
/// A reader of a line-oriented format. Lines end with LF, CRLF or CR; the last line needs no newline; a UTF-8 byte
/// order mark before the first line is ignored. Blank (whitespace-only) lines are skipped here; a line longer than
/// <see cref="FeedReadContext.MaxLineLength"/> is a LineTooLong drop, never held whole; every other line goes
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
        var lines = new BoundedLineReader(text, context.MaxLineLength ?? int.MaxValue);
        long number = 0;
        while (true)
        {
            if (!TryReadLine(lines, out var more, out var line, out var length, out var error))
            {
                yield return FeedItem.Dropped(number + 1, DropReason.Malformed, "unreadable: " + Detail.Clip(error));
                yield break;
            }

            if (!more)
            {
                yield break;
            }

            number++;
            if (line is null)
            {
                yield return FeedItem.Dropped(number, DropReason.LineTooLong, string.Create(CultureInfo.InvariantCulture, $"{length:N0} characters, over the limit of {lines.MaxLength:N0}: not read"));
                continue;
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

    private static bool TryReadLine(BoundedLineReader lines, out bool more, out string? line, out long length, out string error)
    {
        try
        {
            more = lines.Read(out line, out length);
            error = "";
            return true;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            (more, line, length, error) = (false, null, 0, e.Message);
            return false;
        }
    }
}
