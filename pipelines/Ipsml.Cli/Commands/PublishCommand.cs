using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Publish the run's winning candidate as a versioned, checksummed model artifact, if the champion gate (ipsml gate) passed it.")]
public sealed class PublishCommand(IpsmlConsoles consoles) : IpsmlCommand<PublishCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("--run <ID>")]
        [Description("Run id (default: the newest run).")]
        public string? Run { get; init; }

        [CommandOption("--force-promote")]
        [Description("Publish even when the champion gate failed; the manifest and model card record the override.")]
        public bool ForcePromote { get; init; }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var store = new RunStore(layout);
        var run = store.Load(settings.Run);
        var options = store.Experiment(run).Bind<PublishOptions>("publish");
        var result = new PublishStage(layout, log).Run(run, options, settings.ForcePromote);
        run = store.Load(run.Id);
        if (result.NotPromoted is { } reasons)
        {
            run.Published = null;
            run.NotPromoted = reasons;
            store.Save(run);
            Consoles.Out.MarkupLineInterpolated($"publish: [yellow]not promoted[/]: {reasons}");
            return ExitCodes.Success;
        }

        run.Published = new PublishedModel(result.Name, result.Version!, result.Dir!);
        run.NotPromoted = null;
        store.Save(run);
        if (result.Forced)
        {
            Consoles.Error.MarkupLine("[yellow]Warning:[/] published with --force-promote although the champion gate failed; the manifest records it.");
        }

        Consoles.Out.MarkupLineInterpolated($"publish: {result.Name} {result.Version} {(result.Published ? "published" : "already published")} → {result.Dir}");
        return ExitCodes.Success;
    }
}
