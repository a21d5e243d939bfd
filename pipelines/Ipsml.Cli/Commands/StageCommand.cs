using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Runs;
using Spectre.Console;

namespace Ipsml.Cli.Commands;

/// <summary>A command that runs one stage of an existing run (default: the newest) and records it in run.json.</summary>
public abstract class StageCommand<TSettings>(IpsmlConsoles consoles) : IpsmlCommand<TSettings>(consoles)
    where TSettings : OutputSettings, IStageSettings
{
    protected abstract string StageName { get; }

    protected sealed override int Run(TSettings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var store = new RunStore(layout);
        var run = store.Load(settings.Run);
        var experiment = store.Experiment(run);
        var outcome = log.WithProgress(() => RunStage(settings, layout, log, run, experiment, cancellationToken));
        store.RecordStage(run.Id, StageName, outcome);
        var what = outcome.Reused ? "[green]up to date[/], reused" : Markup.Escape($"done in {outcome.Seconds:F1} s");
        Consoles.Out.MarkupLine($"{Markup.Escape(StageName)}: {what} → {Markup.Escape(outcome.Dir)}");
        return ExitCodes.Success;
    }

    protected abstract StageOutcome RunStage(TSettings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken);
}
