using System.Net;
using Ipsml.Features.Net;

namespace Ipsml.Features.Inputs;

/// <summary>Turns single fields into records or drops.</summary>
internal static class Tokens
{
    /// <summary>A field holding an address or, with a '/', a CIDR network.</summary>
    public static FeedItem AddressOrNetwork(long line, ReadOnlySpan<char> token, DateTimeOffset? seenAt = null)
    {
        if (token.Contains('/'))
        {
            return IpParsing.TryParseNetwork(token, out var network, out var error)
                ? FeedItem.Of(new FeedRecord(line, null, network, seenAt))
                : FeedItem.Dropped(line, DropReason.BadNetwork, $"bad network {Detail.Quote(token)}: {error}");
        }

        return IpParsing.TryParseAddress(token, out var address)
            ? FeedItem.Of(new FeedRecord(line, address, null, seenAt))
            : Detail.BadAddress(line, token);
    }

    /// <summary>
    /// A time field: true with null for an empty or unset ("-") field (the row has no time), true with the UTC time
    /// for a good one, false for anything else.
    /// </summary>
    public static bool TryTime(ReadOnlySpan<char> field, TimeZoneInfo zoneLess, out DateTimeOffset? time)
    {
        time = null;
        field = field.Trim();
        if (field.IsEmpty || field is "-")
        {
            return true;
        }

        if (!TimeParsing.TryParse(field, zoneLess, out var parsed))
        {
            return false;
        }

        time = parsed;
        return true;
    }

    /// <summary>A port field: 0..65535.</summary>
    public static bool IsPort(ReadOnlySpan<char> field) =>
        int.TryParse(field.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) && port <= 65535;

    public static bool TryAddress(ReadOnlySpan<char> field, out IPAddress? address) =>
        IpParsing.TryParseAddress(field.Trim(), out address);
}
