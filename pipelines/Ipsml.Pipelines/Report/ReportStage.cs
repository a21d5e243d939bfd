using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Report;

/// <summary>report: renders the run's report from the stages' recorded outputs into <c>runs/RUN/report/</c>.</summary>
public sealed class ReportStage(RunLayout layout, IPipelineLog log)
{
    public const string MarkdownFile = "report.md";

    public ReportResult Run(RunRecord run)
    {
        var facts = RunFacts.Load(layout, run);
        var dir = layout.RunReportDir(run.Id);
        Directory.CreateDirectory(dir);
        var markdown = Path.Combine(dir, MarkdownFile);
        AtomicFile.WriteAllText(markdown, MarkdownReport.Render(facts));
        log.Info($"report: {markdown}");
        return new ReportResult(markdown);
    }
}

public sealed record ReportResult(string Markdown);
