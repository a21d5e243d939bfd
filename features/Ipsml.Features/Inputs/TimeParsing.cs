namespace Ipsml.Features.Inputs;

/// <summary>
/// Time formats found in feeds and logs, all normalised to UTC (offset zero).
/// <list type="bullet">
/// <item>Row times (<see cref="TryParse"/>): <c>YYYY-MM-DD[T| ]HH:MM[:SS][.fraction]</c> followed by nothing
/// (zone-less), <c>Z</c>, <c>±HH[:MM]</c>/<c>±HHMM</c>, or a space and <c>UTC</c>, <c>GMT</c>, <c>(UTC)</c> or an
/// offset. Fractions longer than 100 ns are truncated. Zone-less times are read in the zone given (the reader option
/// "timezone", UTC by default); a local time that does not exist in that zone (skipped by a DST change) is refused,
/// and an ambiguous one (repeated by a DST change) is read as standard time.</item>
/// <item>Epoch seconds (<see cref="TryParseEpochSeconds"/>): <c>1677024003.714845</c>, exact to 100 ns.</item>
/// <item>Header dates (<see cref="TryParseHeaderDate"/>): any row time, plus RFC 2822 (<c>Sat, 22 Aug 2026 03:00:29 +0200</c>),
/// date(1) (<c>Mon Jan 24 11:16:31 UTC 2022</c>) and dashed stamps (<c>2025-07-24-20-23-14</c>, AWS createDate and Zeek #open).</item>
/// </list>
/// </summary>
public static class TimeParsing
{
    private const long MaxEpochSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>The zone for zone-less times: UTC for null or empty; otherwise an IANA (or Windows) zone id.</summary>
    /// <exception cref="ArgumentException">The id names no zone known to this machine.</exception>
    public static TimeZoneInfo ResolveZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id is "UTC" or "utc" or "Etc/UTC" or "Z" or "GMT")
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new ArgumentException($"unknown time zone '{id}'", nameof(id), e);
        }
    }

    /// <summary>Parses a row time; zone-less times are read in <paramref name="zoneLess"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, TimeZoneInfo zoneLess, out DateTimeOffset utc)
    {
        utc = default;
        text = text.Trim();
        if (!TryParseDateTime(text, out var local, out var rest))
        {
            return false;
        }

        if (rest.IsEmpty)
        {
            return TryToUtc(local, zoneLess, out utc);
        }

        if (rest[0] == ' ')
        {
            rest = rest.TrimStart(' ');
        }

        return TryParseZone(rest, out var offset) && TryApplyOffset(local, offset, out utc);
    }

    /// <summary>Parses seconds since 1970-01-01T00:00:00Z, with an optional decimal fraction (or an exponent).</summary>
    public static bool TryParseEpochSeconds(ReadOnlySpan<char> text, out DateTimeOffset utc)
    {
        utc = default;
        text = text.Trim();
        if (text.IsEmpty || text.Length > 40)
        {
            return false;
        }

        var dot = text.IndexOf('.');
        var whole = dot < 0 ? text : text[..dot];
        var fraction = dot < 0 ? [] : text[(dot + 1)..];
        if (IsDigits(whole) && whole.Length <= 12 && (dot < 0 || (IsDigits(fraction) && fraction.Length > 0)))
        {
            var seconds = long.Parse(whole, System.Globalization.CultureInfo.InvariantCulture);
            if (seconds > MaxEpochSeconds)
            {
                return false;
            }

            utc = DateTimeOffset.UnixEpoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + FractionTicks(fraction));
            return true;
        }

        // Exponent forms, e.g. 1.677024003714845E9: read as a double (microsecond precision).
        if (text.IndexOfAny('e', 'E') < 0 || !double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || !double.IsFinite(value) || value < 0 || value > MaxEpochSeconds)
        {
            return false;
        }

        utc = DateTimeOffset.UnixEpoch.AddTicks((long)Math.Round(value * TimeSpan.TicksPerSecond));
        return true;
    }

    /// <summary>Parses a date stated in a file header or metadata; zone-less dates are read in <paramref name="zoneLess"/>.</summary>
    public static bool TryParseHeaderDate(ReadOnlySpan<char> text, TimeZoneInfo zoneLess, out DateTimeOffset utc)
    {
        text = text.Trim().TrimEnd('#').TrimEnd();
        if (TryParse(text, zoneLess, out utc))
        {
            return true;
        }

        if (TryParseDashed(text, out var local))
        {
            return TryToUtc(local, zoneLess, out utc);
        }

        return TryParseWords(text.ToString(), zoneLess, out utc);
    }

    /// <summary>A zone-less local time in <paramref name="zone"/> as UTC; false when that local time does not exist there.</summary>
    public static bool TryToUtc(DateTime local, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        utc = default;
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone == TimeZoneInfo.Utc)
        {
            utc = new DateTimeOffset(local.Ticks, TimeSpan.Zero);
            return true;
        }

        if (zone.IsInvalidTime(local))
        {
            return false;
        }

        return TryApplyOffset(local, zone.GetUtcOffset(local), out utc);
    }

    private static bool TryApplyOffset(DateTime local, TimeSpan offset, out DateTimeOffset utc)
    {
        utc = default;
        var ticks = local.Ticks - offset.Ticks;
        if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
        {
            return false;
        }

        utc = new DateTimeOffset(ticks, TimeSpan.Zero);
        return true;
    }

    // YYYY-MM-DD[T| ]HH:MM[:SS][.f+]; rest = whatever follows.
    private static bool TryParseDateTime(ReadOnlySpan<char> s, out DateTime value, out ReadOnlySpan<char> rest)
    {
        value = default;
        rest = default;
        if (s.Length < 16 || s[4] != '-' || s[7] != '-' || !(s[10] is 'T' or 't' or ' ') || s[13] != ':'
            || !TryDigits(s.Slice(0, 4), out var year) || !TryDigits(s.Slice(5, 2), out var month)
            || !TryDigits(s.Slice(8, 2), out var day) || !TryDigits(s.Slice(11, 2), out var hour)
            || !TryDigits(s.Slice(14, 2), out var minute))
        {
            return false;
        }

        var i = 16;
        var second = 0;
        if (i < s.Length && s[i] == ':')
        {
            if (s.Length < i + 3 || !TryDigits(s.Slice(i + 1, 2), out second))
            {
                return false;
            }

            i += 3;
        }

        long fractionTicks = 0;
        if (i < s.Length && s[i] is '.' or ',')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            fractionTicks = FractionTicks(s[start..i]);
        }

        if (!IsValid(year, month, day, hour, minute, second))
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fractionTicks);
        rest = s[i..];
        return true;
    }

    // YYYY-MM-DD-HH-MM-SS (AWS createDate, Zeek #open).
    private static bool TryParseDashed(ReadOnlySpan<char> s, out DateTime value)
    {
        value = default;
        if (s.Length != 19 || s[4] != '-' || s[7] != '-' || s[10] != '-' || s[13] != '-' || s[16] != '-'
            || !TryDigits(s.Slice(0, 4), out var year) || !TryDigits(s.Slice(5, 2), out var month)
            || !TryDigits(s.Slice(8, 2), out var day) || !TryDigits(s.Slice(11, 2), out var hour)
            || !TryDigits(s.Slice(14, 2), out var minute) || !TryDigits(s.Slice(17, 2), out var second)
            || !IsValid(year, month, day, hour, minute, second))
        {
            return false;
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        return true;
    }

    // RFC 2822 "[Sat,] 22 Aug 2026 03:00:29 +0200" and date(1) "Mon Jan 24 11:16:31 UTC 2022".
    private static bool TryParseWords(string s, TimeZoneInfo zoneLess, out DateTimeOffset utc)
    {
        utc = default;
        var words = s.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var w = 0;
        if (words.Length > 0 && char.IsAsciiLetter(words[0][0]) && MonthOf(words[0]) == 0)
        {
            w = 1; // weekday
        }

        int day, month, year;
        string time;
        string? zone;
        if (words.Length - w >= 4 && TryDigits(words[w], out day) && (month = MonthOf(words[w + 1])) > 0 && TryDigits(words[w + 2], out year))
        {
            time = words[w + 3];
            zone = words.Length - w >= 5 ? words[w + 4] : null;
            if (words.Length - w > 5)
            {
                return false;
            }
        }
        else if (words.Length - w >= 4 && (month = MonthOf(words[w])) > 0 && TryDigits(words[w + 1], out day))
        {
            time = words[w + 2];
            if (words.Length - w == 4 && TryDigits(words[w + 3], out year))
            {
                zone = null;
            }
            else if (words.Length - w == 5 && TryDigits(words[w + 4], out year))
            {
                zone = words[w + 3];
            }
            else
            {
                return false;
            }
        }
        else
        {
            return false;
        }

        if (year < 1000 || !TryParseClock(time, out var hour, out var minute, out var second) || !IsValid(year, month, day, hour, minute, second))
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
        if (zone is null)
        {
            return TryToUtc(local, zoneLess, out utc);
        }

        return TryParseZone(zone, out var offset) && TryApplyOffset(local, offset, out utc);
    }

    private static bool TryParseClock(ReadOnlySpan<char> s, out int hour, out int minute, out int second)
    {
        hour = minute = second = 0;
        return (s.Length == 8 && s[2] == ':' && s[5] == ':' && TryDigits(s[..2], out hour) && TryDigits(s.Slice(3, 2), out minute) && TryDigits(s.Slice(6, 2), out second))
            || (s.Length == 5 && s[2] == ':' && TryDigits(s[..2], out hour) && TryDigits(s.Slice(3, 2), out minute));
    }

    // Z, UTC, GMT, (UTC), ±HH, ±HHMM, ±HH:MM.
    private static bool TryParseZone(ReadOnlySpan<char> s, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (s is "Z" or "z" or "UTC" or "GMT" or "(UTC)" or "(GMT)")
        {
            return true;
        }

        if (s.Length < 3 || !(s[0] is '+' or '-'))
        {
            return false;
        }

        var sign = s[0] == '-' ? -1 : 1;
        var body = s[1..];
        var hours = 0;
        var minutes = 0;
        var ok = body.Length switch
        {
            2 => TryDigits(body, out hours),
            4 => TryDigits(body[..2], out hours) && TryDigits(body[2..], out minutes),
            5 => body[2] == ':' && TryDigits(body[..2], out hours) && TryDigits(body[3..], out minutes),
            _ => false,
        };
        if (!ok || hours > 14 || minutes > 59 || (hours == 14 && minutes > 0))
        {
            return false;
        }

        offset = new TimeSpan(sign * hours, sign * minutes, 0);
        return true;
    }

    private static int MonthOf(string word)
    {
        if (word.Length < 3)
        {
            return 0;
        }

        var key = word[..3].ToLowerInvariant();
        var index = Array.IndexOf(Months, key);
        return index < 0 || (word.Length > 3 && !IsMonthName(word, index)) ? 0 : index + 1;
    }

    private static bool IsMonthName(string word, int index)
    {
        string[] full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
        return word.Equals(full[index], StringComparison.OrdinalIgnoreCase) || (word.Length == 4 && word[3] == '.');
    }

    private static bool IsValid(int year, int month, int day, int hour, int minute, int second) =>
        year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
        && hour is >= 0 and <= 23 && minute is >= 0 and <= 59 && second is >= 0 and <= 59;

    private static long FractionTicks(ReadOnlySpan<char> digits)
    {
        long ticks = 0;
        for (var k = 0; k < 7; k++)
        {
            ticks = (ticks * 10) + (k < digits.Length ? digits[k] - '0' : 0);
        }

        return ticks;
    }

    private static bool IsDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return !s.IsEmpty;
    }

    private static bool TryDigits(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        if (s.IsEmpty || s.Length > 9)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }
}
