using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class IpsumReaderTests
{
    // The header and first rows of ipsum/ipsum.txt.
    private const string Ipsum =
        "# IPsum Threat Intelligence Feed\n# (https://github.com/stamparm/ipsum)\n#\n# Last update: Sat, 22 Aug 2026 03:00:29 +0200\n#\n" +
        "# IP\tnumber of (black)lists\n#\n77.90.185.20\t10\n77.239.124.102\t10\n162.251.62.103\t1";

    [Fact]
    public void CountBecomesWeightAndLastUpdateBecomesUtcHeaderDate()
    {
        var read = FeedRead.Text("ipsum", Ipsum);
        Assert.Equal([(8L, "77.90.185.20", 10.0), (9L, "77.239.124.102", 10.0), (10L, "162.251.62.103", 1.0)], read.Records.Select(r => (r.Line, r.Address!.ToString(), r.Weight)));
        Assert.Equal(new DateTimeOffset(2026, 8, 22, 1, 0, 29, TimeSpan.Zero), read.Context.HeaderDate);
        Assert.Equal(7, read.Context.SkippedLines);
    }

    [Theory]
    [InlineData("1.2.3.4\t0", DropReason.BadValue)]
    [InlineData("1.2.3.4\tmany", DropReason.BadValue)]
    [InlineData("1.2.3.4\t-3", DropReason.BadValue)]
    [InlineData("1.2.3.4", DropReason.WrongColumnCount)]
    [InlineData("1.2.3.4\t2\t3", DropReason.WrongColumnCount)]
    [InlineData("1.2.3\t2", DropReason.BadAddress)]
    public void BadRowsAreDropped(string line, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("ipsum", line).Drops).Reason);
    }

    [Fact]
    public void SpacesSeparateAsWellAsTabs()
    {
        Assert.Equal(3.0, Assert.Single(FeedRead.Text("ipsum", "8.8.8.8   3").Records).Weight);
    }
}
