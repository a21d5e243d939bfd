using System.Net;

namespace Ipsml.Features.Geo;

/// <summary>
/// GeoLite2 editions downloaded from MaxMind with a licence key: the <c>.tar.gz</c> and the <c>.sha256</c> MaxMind
/// publishes beside it are fetched, the archive is checked against it, and the edition's .mmdb is extracted into
/// <c>CACHE/maxmind/EDITION/</c> (temporary folder, then rename) with a <see cref="GeoCacheManifest"/>. A copy younger
/// than the maximum age is reused; when a download fails, an older verified copy is used and the log says so.
/// The licence key never appears in a log line or an error message.
/// </summary>
internal sealed class MaxMindDownloader(string cacheDir, string licenseKey, TimeSpan maxAge, HttpMessageHandler? handler, Action<string> log)
{
    public const string Endpoint = "https://download.maxmind.com/app/geoip_download";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static Uri BuildUri(string edition, string licenseKey, string suffix) =>
        new($"{Endpoint}?edition_id={Uri.EscapeDataString(edition)}&license_key={Uri.EscapeDataString(licenseKey)}&suffix={Uri.EscapeDataString(suffix)}");

    /// <summary>The first hexadecimal word of a MaxMind <c>.sha256</c> file (<c>HEX  NAME.tar.gz</c>), lower-cased.</summary>
    public static string? ParseSha256File(string text)
    {
        var word = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return word is { Length: 64 } && word.All(Uri.IsHexDigit) ? word.ToLowerInvariant() : null;
    }

    public string EditionDir(string edition) => Path.Combine(cacheDir, "maxmind", edition);

    /// <summary>Path of the verified <c>EDITION.mmdb</c> and its SHA-256.</summary>
    /// <exception cref="GeoSourceException">The download failed and no verified copy is cached.</exception>
    public (string Path, string Sha256) Get(string edition, CancellationToken cancellationToken)
    {
        var directory = EditionDir(edition);
        var fileName = edition + ".mmdb";
        var cached = GeoCacheManifest.TryRead(directory) is { } manifest
            && manifest.Sha256.ContainsKey(fileName)
            && manifest.FilesMatch(directory)
                ? manifest
                : null;
        if (cached is not null && DateTimeOffset.UtcNow - cached.FetchedAt < maxAge)
        {
            return (Path.Combine(directory, fileName), cached.Sha256[fileName]);
        }

        try
        {
            return Download(edition, directory, fileName, cancellationToken);
        }
        catch (Exception ex) when (cached is not null
            && ex is (GeoSourceException or HttpRequestException or IOException or TaskCanceledException)
            && !cancellationToken.IsCancellationRequested)
        {
            log($"geo: downloading {edition} from MaxMind failed ({ex.Message}); using the copy fetched {cached.FetchedAt:yyyy-MM-dd}");
            return (Path.Combine(directory, fileName), cached.Sha256[fileName]);
        }
    }

    private (string Path, string Sha256) Download(string edition, string directory, string fileName, CancellationToken cancellationToken)
    {
        log($"geo: downloading {edition} from MaxMind");
        var work = Path.Combine(cacheDir, "maxmind", ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            client.Timeout = Timeout;

            var expected = ParseSha256File(GetText(client, edition, "tar.gz.sha256", cancellationToken))
                ?? throw new GeoSourceException($"MaxMind's .sha256 for {edition} does not start with a SHA-256.");
            var archive = Path.Combine(work, edition + ".tar.gz");
            using (var response = Send(client, edition, "tar.gz", cancellationToken))
            using (var file = File.Create(archive))
            {
                response.Content.ReadAsStream(cancellationToken).CopyTo(file);
            }

            var actual = GeoFileHash.Sha256Hex(archive);
            if (actual != expected)
            {
                throw new GeoSourceException($"MaxMind {edition} archive has SHA-256 {actual}, but its .sha256 says {expected}; refusing it.");
            }

            var extracted = Path.Combine(work, edition);
            var written = TarGzArchive.Extract(archive, extracted, name => Path.GetFileName(name) == fileName ? fileName : null, cancellationToken);
            if (written.Count != 1)
            {
                throw new GeoSourceException($"MaxMind {edition} archive holds {written.Count} copies of {fileName}, expected one.");
            }

            var hashes = GeoCacheManifest.HashFiles(extracted, [fileName]);
            new GeoCacheManifest(GeoRoles.MaxMindDownload, null, actual, DateTimeOffset.UtcNow, hashes).Write(extracted);
            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            if (Directory.Exists(directory))
            {
                Directory.Move(directory, directory + ".stale-" + Guid.NewGuid().ToString("N"));
            }

            Directory.Move(extracted, directory);
            return (Path.Combine(directory, fileName), hashes[fileName]);
        }
        finally
        {
            foreach (var leftover in Directory.EnumerateDirectories(Path.Combine(cacheDir, "maxmind"), edition + ".stale-*").Append(work))
            {
                try
                {
                    Directory.Delete(leftover, recursive: true);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Harmless: temporary folders have no manifest and are never read.
                }
            }
        }
    }

    private string GetText(HttpClient client, string edition, string suffix, CancellationToken cancellationToken)
    {
        using var response = Send(client, edition, suffix, cancellationToken);
        using var reader = new StreamReader(response.Content.ReadAsStream(cancellationToken));
        return reader.ReadToEnd();
    }

    private HttpResponseMessage Send(HttpClient client, string edition, string suffix, CancellationToken cancellationToken)
    {
        var response = client.Send(
            new HttpRequestMessage(HttpMethod.Get, BuildUri(edition, licenseKey, suffix)),
            HttpCompletionOption.ResponseHeadersRead,
            cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        response.Dispose();
        var hint = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            ? $" Check {GeoOptions.LicenseKeyVariable}."
            : string.Empty;
        throw new GeoSourceException($"MaxMind answered {(int)response.StatusCode} {response.ReasonPhrase} for {edition} ({suffix}).{hint}");
    }
}
