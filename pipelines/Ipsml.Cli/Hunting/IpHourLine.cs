using System.Globalization;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>The <c>lines</c> format: one connection per line, <c>ip</c> or <c>ip,hour</c> (hour 0..23, UTC; surrounding spaces allowed).</summary>
internal static class IpHourLine
{
    /// <summary>Parses one line; no hour gives <paramref name="defaultHour"/>.</summary>
    public static bool TryParse(string text, int defaultHour, out Connection connection, out DropReason reason, out string detail)
    {
        connection = default;
        var parts = text.Split(',');
        if (parts.Length > 2)
        {
            (reason, detail) = (DropReason.WrongColumnCount, "expected ip[,hour]");
            return false;
        }

        if (!IpParsing.TryParseAddress(parts[0].Trim(), out var ip))
        {
            (reason, detail) = (DropReason.BadAddress, $"'{parts[0].Trim()}' is not an IP address");
            return false;
        }

        var hour = defaultHour;
        if (parts.Length == 2 && (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out hour) || hour > 23))
        {
            (reason, detail) = (DropReason.BadTime, $"hour '{parts[1].Trim()}' is not a whole number 0..23");
            return false;
        }

        connection = new Connection(IpParsing.Normalize(ip), hour);
        (reason, detail) = (default, "");
        return true;
    }
}
