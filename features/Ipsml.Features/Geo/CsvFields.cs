using System.Runtime.CompilerServices;

namespace Ipsml.Features.Geo;

/// <summary>One field of a CSV line: where it is in the line, and whether it holds doubled quotes to undo.</summary>
internal readonly record struct CsvField(int Start, int Length, bool HasEscapedQuotes)
{
    public ReadOnlySpan<char> Span(string line) => line.AsSpan(Start, Length);

    public string Text(string line) =>
        HasEscapedQuotes ? line.Substring(Start, Length).Replace("\"\"", "\"", StringComparison.Ordinal) : line.Substring(Start, Length);
}

/// <summary>Splits one CSV line with RFC 4180 quoting (fields may be quoted, quotes inside doubled; no line breaks in fields).</summary>
internal static class CsvFields
{
    /// <summary>
    /// Fills <paramref name="fields"/> with up to its length of fields and returns how many fields the line has
    /// (more than the span holds when the line has too many), or -1 when a quoted field is not closed properly.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(string line, Span<CsvField> fields)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            CsvField field;
            if (i < line.Length && line[i] == '"')
            {
                var start = i + 1;
                var j = start;
                var escaped = false;
                while (true)
                {
                    if (j >= line.Length)
                    {
                        return -1;
                    }

                    if (line[j] == '"')
                    {
                        if (j + 1 < line.Length && line[j + 1] == '"')
                        {
                            escaped = true;
                            j += 2;
                            continue;
                        }

                        break;
                    }

                    j++;
                }

                field = new CsvField(start, j - start, escaped);
                i = j + 1;
                if (i < line.Length && line[i] != ',')
                {
                    return -1;
                }
            }
            else
            {
                var comma = line.IndexOf(',', i);
                var end = comma < 0 ? line.Length : comma;
                field = new CsvField(i, end - i, false);
                i = end;
            }

            if (count < fields.Length)
            {
                fields[count] = field;
            }

            count++;
            if (i >= line.Length)
            {
                return count;
            }

            i++;
        }
    }
}
