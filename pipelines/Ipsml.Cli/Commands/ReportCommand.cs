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
            Consoles.Out.MarkupLineInterpolated($"report: {result.Markdown}");
            Consoles.Out.MarkupLineInterpolated($"html: {result.Html} ({result.Plots.Count} plots embedded; PNGs in {Path.GetDirectoryName(result.Plots.FirstOrDefault() ?? result.Html)})");
        }

        return ExitCodes.Success;
    }
}
