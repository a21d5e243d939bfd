using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Train;

namespace Ipsml.Cli.Commands;

[Description("Train every candidate of the run's experiment on the dataset.")]
public sealed class TrainCommand(IpsmlConsoles consoles) : StageCommand<TrainCommand.Settings>(consoles)
{
    public sealed class Settings : StageSettings
    {
    }

    protected override string StageName => StageNames.Train;

    protected override StageOutcome RunStage(Settings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken) =>
        new TrainStage(layout, log).Run(
            RunStore.UpstreamKey(run, StageNames.Dataset),
            experiment.Bind<TrainOptions>("train"),
            experiment.Seed,
            settings.Force,
            cancellationToken).Outcome;
}
