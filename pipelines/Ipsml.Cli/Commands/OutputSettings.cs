using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

/// <summary>Options every command shares.</summary>
public abstract class OutputSettings : CommandSettings
{
    [CommandOption("-o|--output <DIR>")]
    [Description("Output folder: runs, stage outputs, caches and published models.")]
    [DefaultValue("artifacts")]
    public string Output { get; init; } = "artifacts";

    [CommandOption("--cache <DIR>")]
    [Description("Download and geo database cache (default: OUTPUT/cache; env IPSML_CACHE).")]
    public string? Cache { get; init; }

    [CommandOption("-v|--verbosity <LEVEL>")]
    [Description("quiet, minimal, normal, detailed or diagnostic.")]
    [DefaultValue(Verbosity.Normal)]
    public Verbosity Verbosity { get; init; } = Verbosity.Normal;

    public string? CacheDir => Cache ?? Environment.GetEnvironmentVariable("IPSML_CACHE");

    public override ValidationResult Validate() =>
        string.IsNullOrWhiteSpace(Output) ? ValidationResult.Error("--output must name a folder") : ValidationResult.Success();
}

/// <summary>Options of the commands that run one pipeline stage of an existing run.</summary>
public abstract class StageSettings : OutputSettings, IStageSettings
{
    [CommandOption("--run <ID>")]
    [Description("Run id (default: the newest run, OUTPUT/runs/LATEST).")]
    public string? Run { get; init; }

    [CommandOption("--force")]
    [Description("Run the stage even when an output with the same inputs exists.")]
    public bool Force { get; init; }
}

/// <summary>The geo database options of the commands that enrich addresses.</summary>
public interface IGeoSettings
{
    string? GeoDir { get; }

    bool AllowGeoMismatch { get; }
}
