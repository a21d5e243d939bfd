using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

/// <summary>
/// Options of the commands that score with a published model (<c>score</c>, <c>evaluate FILE</c>, <c>bench</c>):
/// which model, the geo databases it was trained with and how many scoring threads.
/// </summary>
public abstract class ModelSettings : OutputSettings, IGeoSettings
{
    [CommandOption("-m|--model <DIR>")]
    [Description("Model artifact folder (default: the latest published version of --name under --output).")]
    public string? Model { get; init; }

    [CommandOption("--name <NAME>")]
    [Description("Model name to look up under OUTPUT/models when --model is not given.")]
    [DefaultValue("ipsml")]
    public string Name { get; init; } = "ipsml";

    [CommandOption("--threads <N>")]
    [Description("Scoring threads (0: one per core).")]
    [DefaultValue(0)]
    public int Threads { get; init; }

    [CommandOption("--geo-dir <DIR>")]
    [Description("Folder with the geo databases the model was trained with (default: as for 'dataset').")]
    public string? GeoDir { get; init; }

    [CommandOption("--allow-geo-mismatch")]
    [Description("Score even when the geo databases differ from the model's (features will differ).")]
    public bool AllowGeoMismatch { get; init; }

    public override ValidationResult Validate()
    {
        if (!LatestModel.IsPlainName(Name))
        {
            return ValidationResult.Error("--name: a model name is letters, digits, '.', '_', '-' or '+' (no path)");
        }

        return GeoSettings.CheckGeoDir(GeoDir) is { } problem ? ValidationResult.Error(problem) : base.Validate();
    }
}
