using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ipsml.Pipelines.Tests.Hunting;

/// <summary>
/// An independent reading of a labelled Stratosphere Zeek log, as the oracle of the hunting tests: fields by
/// position from #fields, and its own small test of which addresses are local (RFC 1918, multicast, broadcast,
/// link-local, unique-local, unspecified: the kinds present in the two fixture logs), not the code under test's.
/// </summary>
internal sealed record StratosphereLog(DateTimeOffset? Open, IReadOnlyList<StratosphereLog.Row> Rows)
{
    public const string Sme11 = "ctu-sme-11-win_conn.log.labeled";
    public const string Botnet230 = "ctu-botnet-230-1_njrat_labeled-conn.log";

    public static string PathOf(string name) => Path.Combine(RepoPaths.SharedData, "stratosphere-labeled", name);

    public static StratosphereLog Read(string name)
    {
        string[] fields = [];
        DateTimeOffset? open = null;
        var rows = new List<Row>();
        var number = 0;
        foreach (var line in File.ReadLines(PathOf(name)))
        {
            number++;
            var parts = line.Split('\t');
            if (line.StartsWith("#fields", StringComparison.Ordinal))
            {
                fields = parts[1..];
                continue;
            }

            if (line.StartsWith("#open", StringComparison.Ordinal))
            {
                open = DateTimeOffset.ParseExact(parts[1], "yyyy-MM-dd-HH-mm-ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            var orig = IPAddress.Parse(parts[Array.IndexOf(fields, "id.orig_h")]);
            var resp = IPAddress.Parse(parts[Array.IndexOf(fields, "id.resp_h")]);
            var ts = double.Parse(parts[Array.IndexOf(fields, "ts")], CultureInfo.InvariantCulture);
            rows.Add(new Row(number, ts, orig, resp, parts[Array.IndexOf(fields, "label")]));
        }

        return new StratosphereLog(open, rows);
    }

    /// <summary>The remote end by the documented rule, or null when both ends are local.</summary>
    public static IPAddress? Remote(Row row) =>
        !IsLocal(row.Resp) ? row.Resp : !IsLocal(row.Orig) ? row.Orig : null;

    public static bool IsLocal(IPAddress a)
    {
        if (a.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = a.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168) || b[0] >= 224
                || (b[0] == 169 && b[1] == 254) || b[0] == 0 || b[0] == 127;
        }

        return a.IsIPv6LinkLocal || a.IsIPv6Multicast || a.IsIPv6UniqueLocal || a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.IPv6Loopback);
    }

    public sealed record Row(int Line, double Ts, IPAddress Orig, IPAddress Resp, string Label);
}
