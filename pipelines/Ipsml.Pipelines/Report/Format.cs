using System.Globalization;

namespace Ipsml.Pipelines.Report;

/// <summary>Number formats shared by the reports and the CLI tables.</summary>
public static class Format
{
    public static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string P(double d, int digits = 3) => double.IsNaN(d) ? "n/a" : d.ToString("F" + digits, CultureInfo.InvariantCulture);

    public static string Pct(double d) => double.IsNaN(d) ? "n/a" : (d * 100).ToString("F1", CultureInfo.InvariantCulture) + "%";

    public static string Bytes(long b) => b switch
    {
        < 1024 => $"{b} B",
        < 1024 * 1024 => (b / 1024.0).ToString("F0", CultureInfo.InvariantCulture) + " KiB",
        _ => (b / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB",
    };

    public static string Delta(double current, double? champion, int digits = 3)
    {
        if (champion is not { } c || double.IsNaN(c) || double.IsNaN(current))
        {
            return "";
        }

        var d = current - c;
        return (d >= 0 ? "+" : "") + d.ToString("F" + digits, CultureInfo.InvariantCulture);
    }

    /// <summary>A signed count ("+1,204", "-3", "0").</summary>
    public static string SignedN(long n) => (n > 0 ? "+" : "") + N(n);

    /// <summary>A signed size difference ("+12 KiB", "-512 B").</summary>
    public static string SignedBytes(long b) => b == 0 ? "0 B" : (b > 0 ? "+" : "-") + Bytes(Math.Abs(b));

    /// <summary>"old → new (+d)" for a count that may be missing on either side ("—").</summary>
    public static string Change(long? before, long? after) =>
        $"{(before is { } a ? N(a) : "—")} → {(after is { } b ? N(b) : "—")}{(before is { } x && after is { } y && x != y ? $" ({SignedN(y - x)})" : "")}";

    public static string Date(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";
}
