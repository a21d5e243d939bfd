using System.Globalization;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// How probabilities and the threshold are written, so that a reader can always tell a probability from the
/// threshold it is labelled against.
/// <list type="bullet">
/// <item>CSV and JSON: <see cref="Exact(float)"/>, the model's single-precision value as the shortest text that
/// parses back to it (a threshold, a double, likewise: <see cref="Exact(double)"/>).</item>
/// <item>Text: the threshold as <see cref="Exact(double)"/>; each probability with <see cref="Decimals"/> decimals:
/// at least 4, more when the threshold is close to 0 or 1 (two significant digits of its distance to the nearer end:
/// 6 for 0.9999791), and more, up to 9, when fewer would print it on the wrong side of the printed threshold (or on
/// it, for a benign row); failing that, exactly. So a probability printed below the threshold is labelled benign,
/// one printed at or above it malicious.</item>
/// </list>
/// </summary>
internal sealed class ProbabilityFormat
{
    private const int MinDecimals = 4;
    private const int MaxDecimals = 9;

    private readonly double threshold;
    private readonly double shownThreshold;

    public ProbabilityFormat(double threshold)
    {
        this.threshold = threshold;
        shownThreshold = double.Parse(Exact(threshold), CultureInfo.InvariantCulture);
        Decimals = DecimalsFor(threshold);
    }

    /// <summary>Decimals of a probability in text output (some get more, see the class summary).</summary>
    public int Decimals { get; }

    /// <summary>Characters of a probability in text output with <see cref="Decimals"/> decimals ("0." and the decimals).</summary>
    public int Width => Decimals + 2;

    /// <summary>The shortest text that parses back to the same float.</summary>
    public static string Exact(float p) => p.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The shortest text that parses back to the same double (a float's own short form when it holds one, as thresholds do).</summary>
    public static string Exact(double value) =>
        (double)(float)value == value ? Exact((float)value) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A probability for text output: <see cref="Decimals"/> decimals, more where fewer would misplace it against the printed threshold.</summary>
    public string Text(double p)
    {
        var malicious = p >= threshold;
        for (var d = Decimals; d <= MaxDecimals; d++)
        {
            var shown = Fixed(p, d);
            var value = double.Parse(shown, CultureInfo.InvariantCulture);
            if (malicious ? value >= shownThreshold : value < shownThreshold)
            {
                return shown;
            }
        }

        return Exact(p);
    }

    /// <summary>At least 4; two significant digits of the threshold's distance to 0 or 1, whichever is nearer; at most 8.</summary>
    internal static int DecimalsFor(double threshold)
    {
        var gap = Math.Min(threshold, 1 - threshold);
        if (!(gap > 0))
        {
            return MinDecimals;
        }

        return Math.Clamp((int)Math.Ceiling(-Math.Log10(gap)) + 1, MinDecimals, MaxDecimals - 1);
    }

    private static string Fixed(double value, int decimals) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
