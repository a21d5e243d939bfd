using System.Diagnostics;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Peak resident memory of this process. On Linux the kernel's high-water mark (VmHWM in /proc/self/status) can be
/// reset (writing 5 to /proc/self/clear_refs), so each benchmark run gets its own peak; elsewhere the peak is the
/// process's since it started.
/// </summary>
internal static class ProcessMemory
{
    private const string Status = "/proc/self/status";
    private const string ClearRefs = "/proc/self/clear_refs";

    /// <summary>Starts a new peak; false when the platform cannot (the peak then covers the whole process).</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText(ClearRefs, "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Peak resident set size in bytes.</summary>
    public static long PeakBytes()
    {
        try
        {
            foreach (var line in File.ReadLines(Status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, System.Globalization.CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
