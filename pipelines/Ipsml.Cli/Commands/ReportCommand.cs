using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Write the run's report (Markdown for a PR comment, self-contained HTML, PNG plots) from the stages' recorded outputs.")]
public sealed class ReportCommand(IpsmlConsoles consoles) : IpsmlCommand<ReportCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("--run <ID>")]
        [Description("Run id (default: the newest run).")]
        public string? Run { get; init; }

        [CommandOption("--print")]
        [Description("Also print the Markdown report to stdout.")]
        public bool Print { get; init; }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var store = new RunStore(layout);
        var run = store.Load(settings.Run);
        var result = log.WithProgress(() => new ReportStage(layout, log).Run(run, cancellationToken));
        run = store.Load(run.Id);
        run.Report = result.Markdown;
        store.Save(run);
        if (settings.Print)
        {
            Consoles.Out.Profile.Out.Writer.Write(File.ReadAllText(result.Markdown));
        }
        else
        {
            WriteSummary(RunFacts.Load(layout, run));
            Consoles.Out.MarkupLineInterpolated($"report: {result.Markdown}");
            Consoles.Out.MarkupLineInterpolated($"html: {result.Html} ({result.Plots.Count} plots embedded; PNGs in {Path.GetDirectoryName(result.Plots.FirstOrDefault() ?? result.Html)})");
        }

        return ExitCodes.Success;
    }

    /// <summary>The final table of a pipeline run: every candidate on the group split's test rows, the winner first.</summary>
    private void WriteSummary(RunFacts facts)
    {
        var m = facts.Metrics;
        var table = new Table().Title($"run {Markup.Escape(facts.Run.Id)}: winner by {Markup.Escape(m.Metric)}");
        foreach (var column in new[] { "candidate", "kind", "ROC-AUC", "PR-AUC", $"PR-AUC @{Format.Pct(m.Prevalence)}", "precision @prev", "recall @prev", "alerts/10k", "size" })
        {
            table.AddColumn(column == "candidate" || column == "kind" ? new TableColumn(column) : new TableColumn(Markup.Escape(column)).RightAligned());
        }

        foreach (var c in m.Candidates.OrderByDescending(c => c.Candidate == m.Winner))
        {
            var q = c.Quality;
            var name = c.Candidate == m.Winner ? $"[bold]{Markup.Escape(c.Candidate)}[/]" : Markup.Escape(c.Candidate);
            table.AddRow(name, Markup.Escape(c.Kind), Format.P(q.RocAuc), Format.P(q.PrAuc), Format.P(q.AtPrevalence.PrAuc), Format.P(q.AtPrevalence.Precision),
                Format.P(q.AtPrevalence.Recall), Format.P(q.AtPrevalence.AlertsPer10k, 1), Format.Bytes(c.Cost.SizeBytes));
        }

        Consoles.Out.Write(table);
    }
}
