using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class MarxCsvReaderTests
{
    // The header, first rows and an ICMP row of marx-honeypot/marx.csv.gz.
    private const string Marx =
        "datetime,host,src,proto,type,spt,dpt\n" +
        "2013-03-03 21:53:59,groucho-oregon,1032051418,TCP,,6000,1433\n" +
        "2013-03-03 21:57:01,groucho-oregon,1347834426,UDP,,5270,5060\n" +
        "2013-03-03 23:01:45,groucho-eu,2148114514,ICMP,8,,\n";

    [Fact]
    public void SourceIntegersBecomeDottedIpv4()
    {
        var read = FeedRead.Text("marx-csv", Marx);
        Assert.Empty(read.Drops);
        // 1032051418 = 0x3D83DADA, 1347834426 = 0x5056523A, 2148114514 = 0x8009A052.
        Assert.Equal(
            [
                (2L, "61.131.218.218", new DateTimeOffset(2013, 3, 3, 21, 53, 59, TimeSpan.Zero)),
                (3L, "80.86.82.58", new DateTimeOffset(2013, 3, 3, 21, 57, 1, TimeSpan.Zero)),
                (4L, "128.9.160.82", new DateTimeOffset(2013, 3, 3, 23, 1, 45, TimeSpan.Zero)),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
    }

    [Theory]
    [InlineData("2013-03-03 21:53:59,groucho-oregon,4294967296,TCP,,6000,1433", DropReason.BadAddress)]
    [InlineData("2013-03-03 21:53:59,groucho-oregon,-1,TCP,,6000,1433", DropReason.BadAddress)]
    [InlineData("2013-03-03 21:53:59,groucho-oregon,1032051418,TCP,,6000", DropReason.WrongColumnCount)]
    [InlineData("2013-03-03 21:53:59,groucho-oregon,1032051418,TCP,,6000,1433,9", DropReason.WrongColumnCount)]
    [InlineData("03/03/2013 21:53:59,groucho-oregon,1032051418,TCP,,6000,1433", DropReason.BadTime)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("marx-csv", Marx + row).Drops).Reason);
    }

    [Fact]
    public void ADottedSourceIsAcceptedToo()
    {
        var read = FeedRead.Text("marx-csv", "2013-03-03 21:53:59,groucho-oregon,61.131.218.218,TCP,,6000,1433");
        Assert.Equal("61.131.218.218", Assert.Single(read.Records).Address!.ToString());
    }
}
