using Ipsml.Features;

namespace Ipsml.Scoring.Artifacts;

/// <summary>
/// <c>SHA256SUMS</c> in the format of coreutils' sha256sum (<c>HEX␠␠relative/path</c>, sorted by path), so
/// <c>sha256sum -c SHA256SUMS</c> checks an artifact without ipsml.
/// </summary>
public static class ArtifactSums
{
    /// <summary>Hashes every file under <paramref name="dir"/> except SHA256SUMS itself and writes the sums file.</summary>
    public static void Write(string dir)
    {
        var lines = Files(dir)
            .Select(rel => $"{Hashing.Sha256File(Path.Combine(dir, rel))}  {rel}");
        File.WriteAllText(Path.Combine(dir, ArtifactFiles.Sums), string.Join('\n', lines) + "\n");
    }

    /// <summary>Checks that the sums file lists exactly the files present and every hash matches; throws <see cref="ArtifactException"/> naming the first problem.</summary>
    public static void Verify(string dir)
    {
        var sumsPath = Path.Combine(dir, ArtifactFiles.Sums);
        if (!File.Exists(sumsPath))
        {
            throw new ArtifactException($"{sumsPath}: missing; refusing an artifact without checksums");
        }

        var listed = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNo = 0;
        foreach (var line in File.ReadLines(sumsPath))
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var sep = line.IndexOf("  ", StringComparison.Ordinal);
            if (sep != 64 || line.Length <= 66)
            {
                throw new ArtifactException($"{sumsPath}: line {lineNo}: not 'SHA256  path'");
            }

            listed[line[66..]] = line[..64];
        }

        foreach (var rel in Files(dir))
        {
            if (!listed.Remove(rel, out var expected))
            {
                throw new ArtifactException($"{Path.Combine(dir, rel)}: file is not listed in {ArtifactFiles.Sums}; the artifact was changed after publishing");
            }

            var actual = Hashing.Sha256File(Path.Combine(dir, rel));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                throw new ArtifactException($"{Path.Combine(dir, rel)}: SHA-256 {actual} does not match {expected} in {ArtifactFiles.Sums}; the artifact was changed after publishing");
            }
        }

        if (listed.Count > 0)
        {
            throw new ArtifactException($"{Path.Combine(dir, listed.Keys.Order(StringComparer.Ordinal).First())}: listed in {ArtifactFiles.Sums} but missing");
        }
    }

    private static IEnumerable<string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(dir, p).Replace('\\', '/'))
            .Where(rel => rel != ArtifactFiles.Sums)
            .Order(StringComparer.Ordinal);
}
