using System.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Splits one CSV line with RFC 4180 quoting ("a ""b""" is a field, "" inside quotes is a quote). Text after a
/// closing quote up to the next separator is kept (as Python's csv module does). Quoted newlines are not supported:
/// feeds never use them, and a line with an unclosed quote is refused.
/// </summary>
internal static class CsvFields
{
    /// <summary>Fills <paramref name="fields"/>; false when a quote is not closed.</summary>
    public static bool TrySplit(string line, char separator, List<string> fields)
    {
        fields.Clear();
        var builder = new StringBuilder();
        var i = 0;
        while (true)
        {
            builder.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                var closed = false;
                while (i < line.Length)
                {
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            builder.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        closed = true;
                        break;
                    }

                    builder.Append(line[i++]);
                }

                if (!closed)
                {
                    return false;
                }
            }

            var end = line.IndexOf(separator, i);
            if (end < 0)
            {
                builder.Append(line, i, line.Length - i);
                fields.Add(builder.ToString());
                return true;
            }

            builder.Append(line, i, end - i);
            fields.Add(builder.ToString());
            i = end + 1;
        }
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
