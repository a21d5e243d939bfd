using System.Globalization;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;
using Ipsml.Cli.Hunting;

namespace Ipsml.Pipelines.Tests.Hunting;

public sealed class ProbabilityFormatTests
{
    private static double Parse(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(0.5, 4)]
    [InlineData(0.9818, 4)]
    [InlineData(0.999, 4)]
    [InlineData(0.9995, 5)]
    [InlineData(0.9999791, 6)]
    [InlineData(0.00002, 6)]
    [InlineData(1.0, 4)]
    [InlineData(0.0, 4)]
    [InlineData(0.9999999999, 8)]
    public void Text_decimals_give_two_significant_digits_of_the_thresholds_distance_to_0_or_1(double threshold, int decimals)
    {
        Assert.Equal(decimals, new ProbabilityFormat(threshold).Decimals);
    }

    [Fact]
    public void A_threshold_near_1_and_probabilities_near_it_print_apart()
    {
        var threshold = (double)0.99997914f;
        var format = new ProbabilityFormat(threshold);

        Assert.Equal("0.99997914", ProbabilityFormat.Exact(threshold));
        Assert.Equal("0.999997", format.Text(0.99999666f));
        Assert.Equal("0.002444", format.Text(0.0024438135f));
        Assert.Equal("0.99997914", format.Text(0.99997914f));
        Assert.Equal("0.999979", format.Text(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(0.99997914f) - 1)));
    }

    [Fact]
    public void A_benign_probability_never_prints_as_the_threshold()
    {
        var format = new ProbabilityFormat(0.98181f);

        Assert.Equal("0.98181", ProbabilityFormat.Exact((double)0.98181f));
        Assert.Equal("0.9818", format.Text(0.98179f));
        Assert.Equal("0.98181", format.Text(0.98181f));
        Assert.Equal("0.9818", format.Text(0.981806f));
        Assert.Equal("0.98181", format.Text(0.981812f));
    }

    [Fact]
    public void Exact_text_parses_back_to_the_same_float()
    {
        Assert.Equal("0.9999802", ProbabilityFormat.Exact(0.9999802f));
        Assert.Equal(0.0024438135f, float.Parse(ProbabilityFormat.Exact(0.0024438135f), CultureInfo.InvariantCulture));
    }

    /// <summary>Any float threshold and a probability up to 40 floats away: the printed probability sits on the printed threshold's side its label says.</summary>
    [Property(MaxTest = 2000)]
    public bool A_printed_probability_compares_with_the_printed_threshold_as_the_label_says(NonNegativeInt thresholdBits, int offset)
    {
        var t = BitConverter.Int32BitsToSingle(thresholdBits.Get % (BitConverter.SingleToInt32Bits(1f) + 1));
        var bits = Math.Clamp(BitConverter.SingleToInt32Bits(t) + (offset % 41), 0, BitConverter.SingleToInt32Bits(1f));
        var p = BitConverter.Int32BitsToSingle(bits);
        var format = new ProbabilityFormat(t);

        var shownP = Parse(format.Text(p));
        var shownT = Parse(ProbabilityFormat.Exact((double)t));
        return p >= t ? shownP >= shownT : shownP < shownT;
    }

    [Fact]
    public void A_driver_delta_that_rounds_to_zero_is_written_0_never_minus_0()
    {
        Assert.Equal("0", JsonSerializer.Serialize(HuntWriter.JsonDelta(-0.00001)));
        Assert.Equal("0", JsonSerializer.Serialize(HuntWriter.JsonDelta(-0.0)));
        Assert.Equal("-0.0013", JsonSerializer.Serialize(HuntWriter.JsonDelta(-0.00126)));
        Assert.Equal("0.2915", JsonSerializer.Serialize(HuntWriter.JsonDelta(0.29149)));
    }
}
