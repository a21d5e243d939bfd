using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Cli.Commands;

[Description("Read the fetched feeds into labelled observations; drops are counted by feed and reason.")]
public sealed class ObservationsCommand(IpsmlConsoles consoles) : StageCommand<ObservationsCommand.Settings>(consoles)
{
    public sealed class Settings : StageSettings
    {
    }

    protected override string StageName => StageNames.Observations;

    protected override StageOutcome RunStage(Settings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken) =>
        new ObservationsStage(layout, log).Run(
            RunStore.UpstreamKey(run, StageNames.Fetch),
            experiment.Bind<ObservationsOptions>("observations"),
            experiment.Seed,
            settings.Force,
            cancellationToken).Outcome;
}
