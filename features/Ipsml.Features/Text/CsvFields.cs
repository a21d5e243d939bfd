using System.Runtime.CompilerServices;

namespace Ipsml.Features.Text;

/// <summary>
/// Splits one CSV line with RFC 4180 quoting ("a ""b""" is a field, "" inside quotes is a quote). Quoted newlines are
/// not supported: feeds never use them, and a line with an unclosed quote is refused. Text after a closing quote up to
/// the next separator is either refused (<see cref="Split"/> by default) or kept, as Python's csv module does
/// (<see cref="TrySplit"/>).
/// </summary>
internal static class CsvFields
{
    /// <summary>
    /// Fills <paramref name="fields"/> with up to its length of fields and returns how many fields the line has
    /// (more than the span holds when the line has too many), or -1 when a quoted field is not closed, or (unless
    /// <paramref name="textAfterQuote"/>) when text follows a closing quote before the next separator.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Split(string line, char separator, Span<CsvField> fields, bool textAfterQuote = false)
    {
        var count = 0;
        var i = 0;
        while (true)
        {
            if (!TryRead(line, separator, textAfterQuote, ref i, out var field))
            {
                return -1;
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

    /// <summary>Fills <paramref name="fields"/> with the text of each field, text after a closing quote kept; false when a quote is not closed.</summary>
    public static bool TrySplit(string line, char separator, List<string> fields)
    {
        fields.Clear();
        var i = 0;
        while (true)
        {
            if (!TryRead(line, separator, textAfterQuote: true, ref i, out var field))
            {
                return false;
            }

            fields.Add(field.Text(line));
            if (i >= line.Length)
            {
                return true;
            }

            i++;
        }
    }

    /// <summary>Reads the field that starts at <paramref name="i"/> and leaves <paramref name="i"/> on the separator after it (or the line's end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryRead(string line, char separator, bool textAfterQuote, ref int i, out CsvField field)
    {
        if (i >= line.Length || line[i] != '"')
        {
            var next = line.IndexOf(separator, i);
            var end = next < 0 ? line.Length : next;
            field = new CsvField(i, end - i, false);
            i = end;
            return true;
        }

        field = default;
        var start = i + 1;
        var j = start;
        var escaped = false;
        while (true)
        {
            if (j >= line.Length)
            {
                return false;
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

        i = j + 1;
        var tail = 0;
        if (i < line.Length && line[i] != separator)
        {
            if (!textAfterQuote)
            {
                return false;
            }

            var next = line.IndexOf(separator, i);
            tail = (next < 0 ? line.Length : next) - i;
            i += tail;
        }

        field = new CsvField(start, j - start, escaped, tail);
        return true;
    }

    /// <summary>The index of the first column named one of <paramref name="names"/> (trimmed, any case), or -1.</summary>
    public static int IndexOf(IReadOnlyList<string> header, params string[] names)
    {
        for (var i = 0; i < header.Count; i++)
        {
            foreach (var name in names)
            {
                if (header[i].AsSpan().Trim().TrimStart('#').Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }
}
