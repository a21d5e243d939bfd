using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Write the run's report (Markdown) from the stages' recorded outputs.")]
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
        var result = new ReportStage(layout, log).Run(run);
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
        }

        return ExitCodes.Success;
    }
}
