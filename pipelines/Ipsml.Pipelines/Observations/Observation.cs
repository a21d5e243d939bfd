using System.Globalization;
using System.Net;

namespace Ipsml.Pipelines.Observations;

/// <summary>
/// One row of <c>observations.csv</c>: an address, when a source saw it (UTC, truncated to the hour; null when the
/// source gives no time per row), when the source's list was dated (header date), the label, the source and a
/// weight (how many merged sightings, times the row's own weight such as IPsum's list count).
/// </summary>
public sealed record Observation(IPAddress Address, DateTimeOffset? SeenAt, DateTimeOffset? ListedAt, bool Malicious, string Source, double Weight)
{
    public const string Header = "ip,seen_at,listed_at,label,source,weight";

    public const string MaliciousLabel = "malicious";
    public const string BenignLabel = "benign";

    public string ToCsv() => string.Join(',',
        Address.ToString(),
        FormatTime(SeenAt),
        FormatTime(ListedAt),
        Malicious ? MaliciousLabel : BenignLabel,
        Source,
        Weight.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Parses one row; throws <see cref="FormatException"/> with the reason (the caller adds file and line).</summary>
    public static Observation Parse(string line)
    {
        var f = line.Split(',');
        if (f.Length != 6)
        {
            throw new FormatException($"expected 6 columns ({Header}), found {f.Length}");
        }

        if (!IPAddress.TryParse(f[0], out var ip))
        {
            throw new FormatException($"'{f[0]}' is not an IP address");
        }

        var malicious = f[3] switch
        {
            MaliciousLabel => true,
            BenignLabel => false,
            _ => throw new FormatException($"label '{f[3]}' is not '{MaliciousLabel}' or '{BenignLabel}'"),
        };
        return new Observation(ip, ParseTime(f[1]), ParseTime(f[2]), malicious, f[4], double.Parse(f[5], CultureInfo.InvariantCulture));
    }

    public static string FormatTime(DateTimeOffset? t) =>
        t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "";

    public static DateTimeOffset? ParseTime(string s) =>
        s.Length == 0 ? null : DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>Truncates a time to its UTC hour: observations keep the hour, not the second.</summary>
    public static DateTimeOffset TruncateToHour(DateTimeOffset t)
    {
        var u = t.UtcDateTime;
        return new DateTimeOffset(u.Year, u.Month, u.Day, u.Hour, 0, 0, TimeSpan.Zero);
    }
}
