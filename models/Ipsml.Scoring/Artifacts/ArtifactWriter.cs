using Ipsml.Features;

namespace Ipsml.Scoring.Artifacts;

/// <summary>
/// Writes a model version folder atomically: everything goes into a temporary sibling folder, SHA256SUMS is
/// written last, the folder is verified, then renamed into place. An existing version is never overwritten.
/// </summary>
public static class ArtifactWriter
{
    /// <param name="target">The version folder to create; must not exist.</param>
    /// <param name="modelDir">A saved model folder (with model.json) to copy in as model/.</param>
    public static void Write(string target, ArtifactManifest manifest, FeatureVocabulary vocabulary, string modelDir, string modelCard)
    {
        target = Path.GetFullPath(target);
        if (Directory.Exists(target))
        {
            throw new ArtifactException($"{target}: version already exists; published versions are immutable");
        }

        var parent = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, $".tmp-{Path.GetFileName(target)}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(temp);
            CopyDirectory(modelDir, Path.Combine(temp, ArtifactFiles.ModelDir));
            File.WriteAllText(Path.Combine(temp, ArtifactFiles.Vocabulary), vocabulary.ToJson());
            File.WriteAllText(Path.Combine(temp, ArtifactFiles.Manifest), manifest.ToJson());
            File.WriteAllText(Path.Combine(temp, ArtifactFiles.Card), modelCard);
            ArtifactSums.Write(temp);
            ArtifactSums.Verify(temp);
            Directory.Move(temp, target);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
    }
}
