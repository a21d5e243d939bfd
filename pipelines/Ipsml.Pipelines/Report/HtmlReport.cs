using System.Net;
using System.Text;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// <c>report.html</c>: one self-contained file. It renders the same sections as the Markdown report and embeds
/// every plot as a base64 PNG (<c>data:</c> URI), so it can be mailed, attached to a CI run or opened from
/// anywhere; the PNG files in <c>plots/</c> beside it are the same images, linked from the Markdown.
/// </summary>
public static class HtmlReport
{
    public const string FileName = "report.html";

    /// <param name="png">The bytes of a plot (read from the plots folder).</param>
    public static string Render(ReportData data, IReadOnlyList<ReportSection> sections, Func<PlotFile, byte[]> png)
    {
        var run = data.Facts.Run;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append($"<title>ipsml run {WebUtility.HtmlEncode(run.Id)} — {WebUtility.HtmlEncode(run.Experiment)}</title>\n");
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n<main>\n");
        foreach (var section in sections)
        {
            html.Append($"<section id=\"{section.Id}\">\n");
            html.Append(section.Id == ReportSection.Plots ? Plots(data, png) : Badges(MarkdownHtml.Convert(section.Markdown)));
            html.Append("</section>\n");
            if (section.Id == ReportSection.Summary)
            {
                html.Append(Contents(sections));
            }
        }

        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    private static string Contents(IReadOnlyList<ReportSection> sections)
    {
        var sb = new StringBuilder("<nav><ul>\n");
        foreach (var s in sections.Where(s => s.Id != ReportSection.Summary))
        {
            var title = s.Markdown.Split('\n').FirstOrDefault(l => l.StartsWith("## ", StringComparison.Ordinal))?[3..] ?? s.Id;
            sb.Append($"<li><a href=\"#{s.Id}\">").Append(MarkdownHtml.Inline(title)).Append("</a></li>\n");
        }

        return sb.Append("</ul></nav>\n").ToString();
    }

    private static string Plots(ReportData data, Func<PlotFile, byte[]> png)
    {
        var sb = new StringBuilder("<h2>Plots</h2>\n<div class=\"plots\">\n");
        foreach (var p in data.Plots)
        {
            sb.Append($"<figure id=\"plot-{p.Id}\">\n");
            sb.Append($"<img src=\"data:image/png;base64,{Convert.ToBase64String(png(p))}\" width=\"{p.Width}\" height=\"{p.Height}\" alt=\"{WebUtility.HtmlEncode(p.Title)}\" data-file=\"{p.RelativePath}\">\n");
            sb.Append("<figcaption><strong>").Append(WebUtility.HtmlEncode(p.Title)).Append("</strong>. ").Append(MarkdownHtml.Inline(p.Caption));
            sb.Append($" <a href=\"{p.RelativePath}\">PNG</a></figcaption>\n</figure>\n");
        }

        return sb.Append("</div>\n").ToString();
    }

    private static string Badges(string html) => html
        .Replace("<strong>Gate: passed</strong>", "<strong class=\"badge pass\">Gate: passed</strong>", StringComparison.Ordinal)
        .Replace("<strong>Gate: failed</strong>", "<strong class=\"badge fail\">Gate: failed</strong>", StringComparison.Ordinal)
        .Replace("<strong>Gate: no gate decision</strong>", "<strong class=\"badge none\">Gate: no gate decision</strong>", StringComparison.Ordinal);

    private const string Css = """
        body { font-family: "DejaVu Sans", "Segoe UI", system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1d2330; font-size: 14px; line-height: 1.45; }
        main { max-width: 1380px; margin: 0 auto; padding: 20px 24px 40px; }
        section { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 4px 20px 12px; margin: 0 0 16px; }
        h1 { font-size: 23px; margin: 14px 0 10px; }
        h2 { font-size: 19px; margin: 14px 0 8px; padding-bottom: 4px; border-bottom: 1px solid #e3e6eb; }
        h3 { font-size: 15px; margin: 14px 0 6px; }
        p { margin: 6px 0 10px; max-width: 1150px; }
        nav { background: #fff; border: 1px solid #dde1e7; border-radius: 8px; padding: 6px 20px; margin: 0 0 16px; }
        nav ul { columns: 3; margin: 6px 0; padding-left: 18px; }
        a { color: #1f5fae; }
        .table { overflow-x: auto; margin: 6px 0 14px; }
        table { border-collapse: collapse; font-size: 12px; }
        th, td { border: 1px solid #e1e4e8; padding: 3px 6px; vertical-align: top; }
        th { background: #eef1f5; text-align: left; white-space: nowrap; }
        td { white-space: nowrap; }
        td.long { white-space: normal; min-width: 16em; max-width: 30em; }
        th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        code { background: #eef1f5; padding: 0 3px; border-radius: 3px; font-size: 12px; }
        .plots { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 16px; margin: 10px 0; }
        figure { margin: 0; border: 1px solid #e3e6eb; border-radius: 6px; padding: 8px; }
        figure img { width: 100%; height: auto; display: block; }
        figcaption { font-size: 12.5px; color: #485061; margin-top: 6px; }
        .badge { padding: 1px 8px; border-radius: 10px; color: #fff; }
        .badge.pass { background: #2e7d32; }
        .badge.fail { background: #c62828; }
        .badge.none { background: #757575; }
        details { margin: 6px 0 10px; }

        """;
}
