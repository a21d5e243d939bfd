using System.Globalization;

namespace Ipsml.Pipelines.Fetch;

/// <summary>Short human text for the age of a cached copy: "3d 4h", "5h 12m", "7m", "40s".</summary>
internal static class AgeText
{
    public static string Format(TimeSpan age)
    {
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        var c = CultureInfo.InvariantCulture;
        if (age.TotalDays >= 1)
        {
            return string.Create(c, $"{(int)age.TotalDays}d {age.Hours}h");
        }

        if (age.TotalHours >= 1)
        {
            return string.Create(c, $"{age.Hours}h {age.Minutes}m");
        }

        return age.TotalMinutes >= 1 ? string.Create(c, $"{age.Minutes}m") : string.Create(c, $"{age.Seconds}s");
    }

    public static string Utc(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
