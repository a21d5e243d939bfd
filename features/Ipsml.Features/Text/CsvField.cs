namespace Ipsml.Features.Text;

/// <summary>
/// One field of a CSV line, found by <see cref="CsvFields.Split"/>: where it is in the line (for a quoted field, what
/// stands between its quotes), whether it holds doubled quotes to undo, and how much text follows its closing quote
/// before the next separator.
/// </summary>
internal readonly record struct CsvField(int Start, int Length, bool HasEscapedQuotes, int TailLength = 0)
{
    /// <summary>The field as it stands in the line: its text when it has no doubled quotes and no text after its quotes.</summary>
    public ReadOnlySpan<char> Span(string line) => line.AsSpan(Start, Length);

    /// <summary>The field's text: doubled quotes undone, text after the closing quote appended.</summary>
    public string Text(string line)
    {
        var text = HasEscapedQuotes ? line.Substring(Start, Length).Replace("\"\"", "\"", StringComparison.Ordinal) : line.Substring(Start, Length);
        return TailLength == 0 ? text : string.Concat(text, line.AsSpan(Start + Length + 1, TailLength));
    }
}
