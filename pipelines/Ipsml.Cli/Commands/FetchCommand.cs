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
        public const string DefaultExperiment = "experiments/default.json";

        public const string DefaultFeeds = "data/feeds.json";

        [CommandOption("-e|--experiment <FILE>")]
        [Description("Experiment file for the run this fetch starts (default: experiments/default.json, here or else in the repository ipsml was built from).")]
        public string? Experiment { get; init; }

        [CommandOption("--feeds <FILE>")]
        [Description("Feed registry (default: data/feeds.json, here or else in the repository ipsml was built from).")]
        public string? Feeds { get; init; }

        /// <summary>The experiment file to read: --experiment, or the default found here or in the repository.</summary>
        public DefaultFile ExperimentFile => DefaultFile.Resolve(Experiment, DefaultExperiment);

        /// <summary>The feed registry to read: --feeds, or the default found here or in the repository.</summary>
        public DefaultFile FeedsFile => DefaultFile.Resolve(Feeds, DefaultFeeds);

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
            if (Missing("--experiment", ExperimentFile, DefaultExperiment) is { } experiment)
            {
                return ValidationResult.Error(experiment);
            }

            if (Missing("--feeds", FeedsFile, DefaultFeeds) is { } feeds)
            {
                return ValidationResult.Error(feeds);
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

        private static string? Missing(string option, DefaultFile file, string defaultRelative) =>
            File.Exists(file.Path) ? null
            : file.Given ? $"{option}: {file.Path} does not exist"
            : $"{option}: not given, and the default {defaultRelative} is neither in {Directory.GetCurrentDirectory()} nor in the repository ipsml was built from";
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var experimentFile = settings.ExperimentFile;
        var feedsFile = settings.FeedsFile;
        foreach (var (option, file, relative) in new[] { ("--experiment", experimentFile, Settings.DefaultExperiment), ("--feeds", feedsFile, Settings.DefaultFeeds) })
        {
            if (file.FromRepository)
            {
                log.Info("fetch: " + file.Note(option, relative));
            }
        }

        var experiment = Experiment.Load(experimentFile.Path);
        var registry = FeedRegistry.Load(feedsFile.Path);
        ExperimentCheck.Run(experiment, registry); // every section, before any stage runs
        var store = new RunStore(layout);
        store.CheckNewRun(experiment, settings.Run);
        var selected = experiment.Bind<ObservationsOptions>("observations").SelectFeeds(registry).Select(f => f.Name).ToHashSet();
        var result = log.WithProgress(() => new FetchStage(layout, log).Run(new FetchRequest(feedsFile.Path, settings.Snapshot, selected), settings.Force, cancellationToken));
        var run = store.Create(experiment, result.Outcome, settings.Run); // only now: a failed fetch leaves no run and keeps LATEST
        var warnings = result.Sources.Feeds.Count(f => f.Warning is not null);
        Consoles.Out.MarkupLineInterpolated($"fetch: run [bold]{run.Id}[/], {result.Sources.Feeds.Count} feeds, {result.Sources.Feeds.Sum(f => f.Files.Count)} files ({result.Sources.Mode}){(warnings > 0 ? $", {warnings} with warnings" : "")} → {result.Outcome.Dir}");
        return ExitCodes.Success;
    }
}
