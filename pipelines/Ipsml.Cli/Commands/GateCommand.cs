using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Compare the run's winner with the current champion on this run's test rows that neither trained on, and write runs/RUN/gate.json, which publish obeys.")]
public sealed class GateCommand(IpsmlConsoles consoles) : IpsmlCommand<GateCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("--run <ID>")]
        [Description("Run id (default: the newest run).")]
        public string? Run { get; init; }
    }

    /// <summary>A failed gate is a decision, not an error: the exit code is 0 either way; gate.json and stdout say which.</summary>
    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var store = new RunStore(layout);
        var run = store.Load(settings.Run);
        var options = store.Experiment(run).Bind<PublishOptions>("publish");
        var decision = new GateStage(layout, log).Run(run, options);
        var against = decision.ChampionVersion is { } v ? $"champion {options.Name} {v}" : "no champion yet";
        var verdict = decision.Passed ? "[green]passed[/]" : "[red]failed[/]";
        Consoles.Out.MarkupLine($"gate: {Markup.Escape(decision.Candidate)} against {Markup.Escape(against)}: {verdict} → {Markup.Escape(GateDecision.PathFor(layout, run.Id))}");
        foreach (var c in decision.Checks)
        {
            Consoles.Out.MarkupLineInterpolated($"  {(c.Passed ? "pass" : "FAIL")} {c.Name}: {c.Detail}");
        }

        if (decision.Comparison is { } compared)
        {
            Consoles.Out.MarkupLineInterpolated($"  compared on {compared.Summary}");
            if (compared.Warning is { } warning)
            {
                Consoles.Out.MarkupLineInterpolated($"  [yellow]warning:[/] {warning}");
            }
        }

        return ExitCodes.Success;
    }
}
