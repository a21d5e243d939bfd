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
    private const int MaxNameLength = 128;

    /// <summary>The folder of the latest published version of <paramref name="name"/>.</summary>
    /// <exception cref="ArtifactException">No LATEST file, or it does not hold a plain version name.</exception>
    public static string Dir(RunLayout layout, string name)
    {
        if (!IsPlainName(name))
        {
            throw new ArgumentException($"--name: {Echo.Quote(name)} is not a model name (letters, digits, '.', '_', '-', '+'; no path)");
        }

        var pointer = layout.LatestModelPointer(name);
        if (!File.Exists(pointer))
        {
            throw new ArtifactException($"{pointer}: no published '{name}' model under {layout.Root}; run the pipeline first or pass --model DIR");
        }

        var version = File.ReadAllText(pointer).Trim();
        if (!IsPlainName(version))
        {
            throw new ArtifactException($"{pointer}: {Echo.Quote(version)} is not a version name (letters, digits, '.', '_', '-', '+', e.g. 1.0.3; no path): fix the file or pass --model DIR");
        }

        return layout.ModelVersionDir(name, version);
    }

    /// <summary>1 to 128 letters, digits, '.', '_', '-' or '+', the first a letter or digit: a file name, never a path or "..".</summary>
    public static bool IsPlainName(string text) =>
        text.Length is > 0 and <= MaxNameLength
        && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+');
}
