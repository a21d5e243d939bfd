using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Cli.Commands;

[Description("Evaluate every trained candidate: threshold on validation, metrics on the held-out test split.")]
public sealed class EvaluateCommand(IpsmlConsoles consoles) : StageCommand<EvaluateCommand.Settings>(consoles)
{
    public sealed class Settings : StageSettings
    {
    }

    protected override string StageName => StageNames.Evaluate;

    protected override StageOutcome RunStage(Settings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken) =>
        new EvaluateStage(layout, log).Run(
            RunStore.UpstreamKey(run, StageNames.Dataset),
            RunStore.UpstreamKey(run, StageNames.Train),
            experiment.Bind<EvaluateOptions>("evaluate"),
            settings.Force,
            cancellationToken).Outcome;
}
