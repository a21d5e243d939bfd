using System.Globalization;
using System.Text;

namespace Ipsml.Pipelines.Tests.Hunting;

/// <summary>The rows of a CSV text with a header, fields by column name (RFC 4180 quotes).</summary>
internal sealed class CsvRows
{
    private CsvRows(IReadOnlyList<string> header, IReadOnlyList<string[]> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<string[]> Rows { get; }

    public int Count => Rows.Count;

    public static CsvRows Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        return new CsvRows(Split(lines[0]), [.. lines.Skip(1).Select(Split)]);
    }

    public IEnumerable<string> Column(string name)
    {
        var i = Index(name);
        return Rows.Select(r => r[i]);
    }

    public IEnumerable<double> Numbers(string name) => Column(name).Select(v => double.Parse(v, CultureInfo.InvariantCulture));

    public int Index(string name)
    {
        for (var i = 0; i < Header.Count; i++)
        {
            if (Header[i] == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"no column '{name}' in {string.Join(",", Header)}");
    }

    private static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return [.. fields];
    }
}
