using System.Text;

namespace Ipsml.Pipelines.Report;

/// <summary>A GitHub-flavoured Markdown table; cells are escaped for pipes and new lines.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    /// <summary>Columns whose header ends with ':' are right-aligned (the colon is removed).</summary>
    public MarkdownTable Row(params object?[] cells)
    {
        rows.Add([.. cells.Select(c => Escape(c?.ToString() ?? ""))]);
        return this;
    }

    public int Count => rows.Count;

    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("| ").Append(string.Join(" | ", headers.Select(h => h.TrimEnd(':')))).Append(" |\n");
        sb.Append('|').Append(string.Join('|', headers.Select(h => h.EndsWith(':') ? "---:" : "---"))).Append("|\n");
        foreach (var r in rows)
        {
            sb.Append("| ").Append(string.Join(" | ", r)).Append(" |\n");
        }

        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|").Replace("\r", "").Replace("\n", " ");
}
