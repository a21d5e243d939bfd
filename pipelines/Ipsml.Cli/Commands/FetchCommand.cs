using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Start a run: fetch every enabled feed (or read a snapshot folder) into the content-addressed cache.")]
public sealed class FetchCommand(IpsmlConsoles consoles) : IpsmlCommand<FetchCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("-e|--experiment <FILE>")]
        [Description("Experiment file for the run this fetch starts.")]
        [DefaultValue("experiments/default.json")]
        public string Experiment { get; init; } = "experiments/default.json";

        [CommandOption("--feeds <FILE>")]
        [Description("Feed registry.")]
        [DefaultValue("data/feeds.json")]
        public string Feeds { get; init; } = "data/feeds.json";

        [CommandOption("--snapshot <DIR>")]
        [Description("Read feed files from this folder instead of the network (offline; e.g. ../shared/data).")]
        public string? Snapshot { get; init; }

        [CommandOption("--run <ID>")]
        [Description("Run id to create (default: UTC time and experiment name).")]
        public string? Run { get; init; }

        [CommandOption("--force")]
        [Description("Write the stage output even when one with the same inputs exists.")]
        public bool Force { get; init; }

        public override ValidationResult Validate()
        {
            if (!File.Exists(Experiment))
            {
                return ValidationResult.Error($"--experiment: {Experiment} does not exist");
            }

            if (!File.Exists(Feeds))
            {
                return ValidationResult.Error($"--feeds: {Feeds} does not exist");
            }

            if (Snapshot is not null && !Directory.Exists(Snapshot))
            {
                return ValidationResult.Error($"--snapshot: {Snapshot} is not a folder");
            }

            if (Run is not null)
            {
                try
                {
                    RunIds.Validate(Run);
                }
                catch (ArgumentException e)
                {
                    return ValidationResult.Error("--run: " + e.Message);
                }
            }

            return base.Validate();
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var experiment = Experiment.Load(settings.Experiment);
        var store = new RunStore(layout);
        store.CheckNewRun(experiment, settings.Run);
        var selected = experiment.Bind<ObservationsOptions>("observations").SelectFeeds(FeedRegistry.Load(settings.Feeds)).Select(f => f.Name).ToHashSet();
        var result = log.WithProgress(() => new FetchStage(layout, log).Run(new FetchRequest(settings.Feeds, settings.Snapshot, selected), settings.Force, cancellationToken));
        var run = store.Create(experiment, result.Outcome, settings.Run); // only now: a failed fetch leaves no run and keeps LATEST
        var warnings = result.Sources.Feeds.Count(f => f.Warning is not null);
        Consoles.Out.MarkupLineInterpolated($"fetch: run [bold]{run.Id}[/], {result.Sources.Feeds.Count} feeds, {result.Sources.Feeds.Sum(f => f.Files.Count)} files ({result.Sources.Mode}){(warnings > 0 ? $", {warnings} with warnings" : "")} → {result.Outcome.Dir}");
        return ExitCodes.Success;
    }
}
