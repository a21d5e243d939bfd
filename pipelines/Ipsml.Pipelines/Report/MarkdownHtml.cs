using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Converts the Markdown this report writes to HTML: headings, paragraphs, GitHub tables (with column alignment),
/// bullet lists, <c>code</c>, <b>bold</b>, <i>_italic_</i>, links, and the report's own
/// <c>&lt;details&gt;</c>/<c>&lt;summary&gt;</c> lines. Not a general Markdown engine: only the subset the report uses.
/// </summary>
public static partial class MarkdownHtml
{
    /// <summary>Cells longer than this wrap (class "long"); shorter ones never do.</summary>
    public const int LongCell = 40;

    public static string Convert(string markdown)
    {
        var html = new StringBuilder();
        var lines = markdown.Replace("\r", "").Split('\n');
        var paragraph = new List<string>();
        void Flush()
        {
            if (paragraph.Count > 0)
            {
                html.Append("<p>").Append(Inline(string.Join(' ', paragraph))).Append("</p>\n");
                paragraph.Clear();
            }
        }

        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Trim().Length == 0)
            {
                Flush();
            }
            else if (Heading().Match(line) is { Success: true } h)
            {
                Flush();
                var level = h.Groups[1].Value.Length;
                html.Append($"<h{level}>").Append(Inline(h.Groups[2].Value)).Append($"</h{level}>\n");
            }
            else if (line.StartsWith("<details", StringComparison.Ordinal) || line.StartsWith("</details", StringComparison.Ordinal) || line.StartsWith("<summary", StringComparison.Ordinal))
            {
                Flush();
                html.Append(line).Append('\n'); // the report's own collapsible blocks
            }
            else if (line.StartsWith('|'))
            {
                Flush();
                var block = new List<string>();
                while (i < lines.Length && lines[i].StartsWith('|'))
                {
                    block.Add(lines[i++]);
                }

                i--;
                Table(html, block);
            }
            else if (line.StartsWith("- ", StringComparison.Ordinal))
            {
                Flush();
                html.Append("<ul>\n");
                while (i < lines.Length && lines[i].StartsWith("- ", StringComparison.Ordinal))
                {
                    html.Append("<li>").Append(Inline(lines[i++][2..])).Append("</li>\n");
                }

                i--;
                html.Append("</ul>\n");
            }
            else
            {
                paragraph.Add(line.Trim());
            }
        }

        Flush();
        return html.ToString();
    }

    /// <summary>The table's cells, split on unescaped pipes, with "\|" turned back into "|".</summary>
    public static IReadOnlyList<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var body = row.Trim();
        body = body.StartsWith('|') ? body[1..] : body;
        body = body.EndsWith('|') && !body.EndsWith("\\|", StringComparison.Ordinal) ? body[..^1] : body;
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] == '|')
            {
                cell.Append('|');
                i++;
            }
            else if (body[i] == '|')
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
            }
            else
            {
                cell.Append(body[i]);
            }
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    private static void Table(StringBuilder html, List<string> block)
    {
        var header = Cells(block[0]);
        var right = block.Count > 1 ? Cells(block[1]).Select(c => c.EndsWith(':')).ToList() : [];
        string Align(int column) => column < right.Count && right[column] ? " class=\"num\"" : "";
        html.Append("<div class=\"table\"><table>\n<thead><tr>");
        for (var c = 0; c < header.Count; c++)
        {
            html.Append($"<th{Align(c)}>").Append(Inline(header[c])).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in block.Skip(2))
        {
            html.Append("<tr>");
            var cells = Cells(row);
            for (var c = 0; c < cells.Count; c++)
            {
                // Short cells stay on one line; long free text wraps in a bounded column.
                var attributes = cells[c].Length > LongCell ? " class=\"long\"" : Align(c);
                html.Append($"<td{attributes}>").Append(Inline(cells[c])).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n");
    }

    /// <summary>Inline Markdown: code spans (their content is never formatted), links, bold and italic; everything HTML-escaped.</summary>
    public static string Inline(string text)
    {
        var parts = text.Split('`');
        var spans = parts.Length % 2 == 1 ? parts.Length : parts.Length - 1; // an unmatched last backtick stays literal
        var codes = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1 && i < spans)
            {
                sb.Append('\u0001').Append(codes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\u0002');
                codes.Add(parts[i]);
            }
            else
            {
                sb.Append(i % 2 == 1 ? "`" : "").Append(WebUtility.HtmlEncode(parts[i]));
            }
        }

        return CodePlaceholder().Replace(Emphasis(sb.ToString()), m => "<code>" + WebUtility.HtmlEncode(codes[int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)]) + "</code>");
    }

    private static string Emphasis(string escaped)
    {
        var s = Link().Replace(escaped, "<a href=\"$2\">$1</a>");
        s = Bold().Replace(s, "<strong>$1</strong>");
        return Italic().Replace(s, "<em>$1</em>");
    }

    [GeneratedRegex("\u0001([0-9]+)\u0002")]
    private static partial Regex CodePlaceholder();

    [GeneratedRegex(@"^(#{1,4}) (.*)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[([^\]]+)\]\(([^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();

    [GeneratedRegex(@"(?<![\w&])_([^_]+?)_(?![\w])")]
    private static partial Regex Italic();
}
