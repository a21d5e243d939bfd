using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// report: renders the run's report into <c>runs/RUN/report/</c>: <c>report.md</c> (fit for a pull-request comment),
/// <c>report.html</c> (self-contained, plots embedded) and <c>plots/*.png</c>. The folder is built beside the old
/// one and swapped in at the end, so a failed report leaves the previous one intact.
/// </summary>
public sealed class ReportStage(RunLayout layout, IPipelineLog log)
{
    public const string MarkdownFile = "report.md";

    public ReportResult Run(RunRecord run, CancellationToken cancellationToken = default)
    {
        var data = ReportData.Load(layout, run, log, cancellationToken);
        var dir = layout.RunReportDir(run.Id);
        var temp = $"{dir}.{Guid.NewGuid():N}.tmp";
        try
        {
            var plotsDir = Path.Combine(temp, PlotFile.Folder);
            data = data with { Plots = ReportPlots.Write(data, plotsDir) };
            var sections = MarkdownReport.Sections(data);
            File.WriteAllText(Path.Combine(temp, MarkdownFile), string.Concat(sections.Select(s => s.Markdown)));
            File.WriteAllText(Path.Combine(temp, HtmlReport.FileName), HtmlReport.Render(data, sections, p => File.ReadAllBytes(Path.Combine(plotsDir, p.FileName))));
            Swap(temp, dir);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        var result = new ReportResult(
            Path.Combine(dir, MarkdownFile),
            Path.Combine(dir, HtmlReport.FileName),
            [.. data.Plots.Select(p => Path.Combine(dir, PlotFile.Folder, p.FileName))]);
        log.Info($"report: {result.Markdown}, {result.Html} and {result.Plots.Count} plots");
        return result;
    }

    private static void Swap(string fresh, string dir)
    {
        var old = $"{dir}.{Guid.NewGuid():N}.old";
        if (Directory.Exists(dir))
        {
            Directory.Move(dir, old);
        }

        Directory.Move(fresh, dir);
        if (Directory.Exists(old))
        {
            Directory.Delete(old, recursive: true);
        }
    }
}

/// <summary>The files a report run wrote.</summary>
public sealed record ReportResult(string Markdown, string Html, IReadOnlyList<string> Plots);
