namespace Ipsml.Features.Inputs;

/// <summary>
/// Times of connection-log rows (binetflow, conn-csv): epoch seconds (<c>1677024003.714845</c>), epoch milliseconds
/// (an integer of 13 or more digits: <c>1677024003714</c>), row times as <see cref="TimeParsing.TryParse"/> reads them,
/// and Argus's slashed dates (<c>2011/08/10 09:46:59.607825</c>). Zone-less times are read in the zone given.
/// </summary>
internal static class ConnectionTimes
{
    private const int MillisecondDigits = 13;

    public static bool TryParse(ReadOnlySpan<char> text, TimeZoneInfo zoneLess, out DateTimeOffset utc)
    {
        text = text.Trim();
        if (text.Length >= MillisecondDigits && IsDigits(text))
        {
            utc = default;
            if (!long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                || ms > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                return false;
            }

            utc = DateTimeOffset.FromUnixTimeMilliseconds(ms);
            return true;
        }

        if (TimeParsing.TryParseEpochSeconds(text, out utc))
        {
            return true;
        }

        if (text.Length >= 10 && text[4] == '/' && text[7] == '/')
        {
            Span<char> dashed = stackalloc char[Math.Min(text.Length, 64)];
            if (text.Length > dashed.Length)
            {
                return false;
            }

            text.CopyTo(dashed);
            dashed[4] = '-';
            dashed[7] = '-';
            return TimeParsing.TryParse(dashed, zoneLess, out utc);
        }

        return TimeParsing.TryParse(text, zoneLess, out utc);
    }

    private static bool IsDigits(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
