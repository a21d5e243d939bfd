using System.Globalization;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// The <c>lines</c> format: one connection per line, <c>ip</c> or <c>ip,hour</c> (hour 0..23, UTC; surrounding spaces
/// allowed). The address is the remote end, so it must be public unicast space: a private, loopback, link-local,
/// multicast, documentation or other special-purpose address (<see cref="AddressSpace"/>, an IPv4-mapped IPv6
/// address read as its IPv4 address) is a bad line with the block's reason, as the model never saw such addresses.
/// </summary>
internal static class IpHourLine
{
    /// <summary>
    /// Reads ip[,hour] lines (surrounding spaces trimmed; a byte order mark at the start dropped; a line over
    /// <see cref="ScoringDefaults.MaxLineLength"/> characters a LineTooLong bad line, never held whole); no hour gives
    /// <paramref name="defaultHour"/>.
    /// </summary>
    public static IEnumerable<IpHourItem> Read(TextReader text, int defaultHour)
    {
        var lines = new BoundedLineReader(text, ScoringDefaults.MaxLineLength);
        long number = 0;
        while (lines.Read(out var raw, out var length))
        {
            number++;
            if (raw is null)
            {
                yield return new IpHourItem(number, null, DropReason.LineTooLong, string.Create(CultureInfo.InvariantCulture, $"{length:N0} characters, over the limit of {lines.MaxLength:N0}: not read"));
                continue;
            }

            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                yield return new IpHourItem(number, null, default, null);
            }
            else if (TryParse(line, defaultHour, out var connection, out var reason, out var detail))
            {
                yield return new IpHourItem(number, connection, default, null);
            }
            else
            {
                yield return new IpHourItem(number, null, reason, detail);
            }
        }
    }

    /// <summary>Parses one trimmed line; no hour gives <paramref name="defaultHour"/>. The detail quotes the input clipped (<see cref="Echo"/>).</summary>
    public static bool TryParse(string text, int defaultHour, out Connection connection, out DropReason reason, out string detail)
    {
        connection = default;
        var parts = text.Split(',');
        if (parts.Length > 2)
        {
            (reason, detail) = (DropReason.WrongColumnCount, $"{Echo.Quote(text)}: expected ip[,hour]");
            return false;
        }

        if (!IpParsing.TryParseAddress(parts[0].Trim(), out var ip))
        {
            (reason, detail) = (DropReason.BadAddress, $"{Echo.Quote(parts[0].Trim())} is not an IP address");
            return false;
        }

        ip = IpParsing.Normalize(ip);
        if (AddressSpace.Find(ip) is { } range)
        {
            (reason, detail) = (range.Reason, $"{ip} is in {range.Network}, {range.Name}: not a remote internet address");
            return false;
        }

        var hour = defaultHour;
        if (parts.Length == 2 && (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out hour) || hour > 23))
        {
            (reason, detail) = (DropReason.BadTime, $"hour {Echo.Quote(parts[1].Trim())} is not a whole number 0..23");
            return false;
        }

        connection = new Connection(ip, hour);
        (reason, detail) = (default, "");
        return true;
    }
}
