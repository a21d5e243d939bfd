using System.Text.Json;

namespace Ipsml.Features.Geo;

/// <summary>
/// Written last into a cached database folder (npm or MaxMind): what was fetched, from where, and the SHA-256 of each
/// database file. A folder is reused only while its files still have these hashes.
/// </summary>
internal sealed record GeoCacheManifest(
    string Origin,
    string? Integrity,
    string? ArchiveSha256,
    DateTimeOffset FetchedAt,
    IReadOnlyDictionary<string, string> Sha256)
{
    public const string FileName = "ipsml-geo-source.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Write(string directory) =>
        File.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json));

    public static GeoCacheManifest? TryRead(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<GeoCacheManifest>(File.ReadAllText(path), Json) : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Hashes the database files again; true when every one is present with its recorded hash.</summary>
    public bool FilesMatch(string directory)
    {
        foreach (var (file, sha256) in Sha256)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path) || !string.Equals(GeoFileHash.Sha256Hex(path), sha256, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return Sha256.Count > 0;
    }

    /// <summary>Hashes <paramref name="files"/> (names inside <paramref name="directory"/>).</summary>
    public static Dictionary<string, string> HashFiles(string directory, IEnumerable<string> files) =>
        files.ToDictionary(file => file, file => GeoFileHash.Sha256Hex(Path.Combine(directory, file)), StringComparer.Ordinal);
}
