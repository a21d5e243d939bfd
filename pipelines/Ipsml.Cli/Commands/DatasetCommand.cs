using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Build the train/valid/test splits: GeoIP/ASN/time features, split by /24 group, vocabularies.")]
public sealed class DatasetCommand(IpsmlConsoles consoles) : StageCommand<DatasetCommand.Settings>(consoles)
{
    public sealed class Settings : StageSettings, IGeoSettings
    {
        [CommandOption("--geo-dir <DIR>")]
        [Description("Folder with the GeoIP City (.mmdb) and ASN (.mmdb or ip-location-db .csv) databases; default: IPSML_GEOIP_DIR, /usr/share/GeoIP, /var/lib/GeoIP, MaxMind with MAXMIND_LICENSE_KEY, then pinned npm packages.")]
        public string? GeoDir { get; init; }

        public bool AllowGeoMismatch => false;

        public override ValidationResult Validate() =>
            GeoSettings.CheckGeoDir(GeoDir) is { } problem ? ValidationResult.Error(problem) : base.Validate();
    }

    protected override string StageName => StageNames.Dataset;

    protected override StageOutcome RunStage(Settings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken)
    {
        using var geo = GeoFactory.Open(settings, layout, log, cancellationToken);
        return new DatasetStage(layout, log).Run(
            RunStore.UpstreamKey(run, StageNames.Observations),
            experiment.Bind<DatasetOptions>("dataset"),
            experiment.Seed,
            geo,
            settings.Force,
            cancellationToken).Outcome;
    }
}
