using Ipsml.Cli.Hunting;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;

namespace Ipsml.Cli.Infrastructure;

/// <summary>
/// The artifact a command scores with when <c>--model</c> is not given: the version <c>OUTPUT/models/NAME/LATEST</c>
/// names. The name and the version must be plain names (<see cref="IsPlainName"/>): a pointer holding a path such as
/// <c>../../other</c> is refused, so the artifact always comes from under <c>OUTPUT/models/NAME/</c>.
/// </summary>
internal static class LatestModel
{
    /// <summary>The folder of the latest published version of <paramref name="name"/>.</summary>
    /// <exception cref="ArtifactException">No LATEST file, or it does not hold a plain version name.</exception>
    public static string Dir(RunLayout layout, string name)
    {
        if (!IsPlainName(name))
        {
            throw new ArgumentException($"--name: {Echo.Quote(name)} is not a model name (letters, digits, '.', '_', '-', '+'; no path)");
        }

        string? version;
        try
        {
            version = layout.LatestVersion(name);
        }
        catch (InvalidDataException e)
        {
            throw new ArtifactException(e.Message, e);
        }

        if (version is null)
        {
            throw new ArtifactException($"{layout.LatestModelPointer(name)}: no published '{name}' model under {layout.Root}; run the pipeline first or pass --model DIR");
        }

        return layout.ModelVersionDir(name, version);
    }

    /// <summary>A plain model or version name (see <see cref="RunLayout.IsPlainName"/>).</summary>
    public static bool IsPlainName(string text) => RunLayout.IsPlainName(text);
}
