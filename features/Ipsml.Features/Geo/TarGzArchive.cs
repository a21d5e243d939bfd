using System.Formats.Tar;
using System.IO.Compression;

namespace Ipsml.Features.Geo;

/// <summary>Extracts chosen regular files from a .tar.gz, refusing entry names that would land outside the target folder.</summary>
internal static class TarGzArchive
{
    /// <param name="archive">The .tar.gz file.</param>
    /// <param name="directory">Target folder (created).</param>
    /// <param name="target">Maps an entry name to a relative path below <paramref name="directory"/>, or null to skip it.</param>
    /// <param name="cancellationToken">Checked between entries.</param>
    /// <returns>The relative paths written.</returns>
    public static IReadOnlyList<string> Extract(string archive, string directory, Func<string, string?> target, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var root = Path.GetFullPath(directory) + Path.DirectorySeparatorChar;
        var written = new List<string>();
        try
        {
            using var file = File.OpenRead(archive);
            using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var tar = new TarReader(gzip);
            while (tar.GetNextEntry() is { } entry)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || target(entry.Name) is not { } relative)
                {
                    continue;
                }

                var path = Path.GetFullPath(Path.Combine(root, relative));
                if (Path.IsPathRooted(relative) || !path.StartsWith(root, StringComparison.Ordinal))
                {
                    throw new GeoSourceException($"{archive}: entry '{entry.Name}' points outside the extraction folder; refusing the archive.");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                entry.ExtractToFile(path, overwrite: false);
                written.Add(relative);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new GeoSourceException($"{archive} is not a readable .tar.gz: {ex.Message}", ex);
        }

        return written;
    }
}
