namespace Ipsml.Pipelines.Tests.Report;

/// <summary>Reads the Markdown tables of a report back: the first table after a heading, as rows of trimmed cells.</summary>
internal static class MarkdownTables
{
    /// <summary>The body rows (header and separator skipped) of the first table after the line starting with <paramref name="heading"/>.</summary>
    public static List<string[]> After(string markdown, string heading)
    {
        var lines = markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith(heading, StringComparison.Ordinal));
        Assert.True(start >= 0, $"no line starting with '{heading}'");
        var first = Array.FindIndex(lines, start, l => l.StartsWith('|'));
        var rows = new List<string[]>();
        for (var i = first + 2; i < lines.Length && lines[i].StartsWith('|'); i++)
        {
            rows.Add([.. lines[i].Trim().Trim('|').Split(" | ").Select(c => c.Trim())]);
        }

        return rows;
    }
}
