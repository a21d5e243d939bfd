using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class SslblCsvReaderTests
{
    [Fact]
    public void HeaderStrippedCopyWithCrlfAndEndTrailerGivesUtcFirstSeen()
    {
        // sslbl/sslipblacklist_2020-08.csv: first rows and the last row with the trailer, no final newline.
        var read = FeedRead.Text("sslbl-csv", "Firstseen,DstIP,DstPort\r\n2020-08-10 21:58:27,194.5.97.33,5200\r\n2019-10-10 10:40:04,78.31.63.30,443\r\n# END (114) entries");
        Assert.Empty(read.Drops);
        Assert.Equal(
            [(2L, "194.5.97.33", new DateTimeOffset(2020, 8, 10, 21, 58, 27, TimeSpan.Zero)), (3L, "78.31.63.30", new DateTimeOffset(2019, 10, 10, 10, 40, 4, TimeSpan.Zero))],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
        Assert.Equal(2, read.Context.SkippedLines);
    }

    [Fact]
    public void NativeCommentedHeaderIsSkipped()
    {
        var read = FeedRead.Text("sslbl-csv", "# Firstseen,DstIP,DstPort\n2020-08-10 21:58:27,194.5.97.33,5200\n");
        Assert.Single(read.Records);
        Assert.Equal(1, read.Context.SkippedLines);
    }

    [Fact]
    public void The2015ThreeColumnLayoutGivesUntimedRecordsAndTheBannerDate()
    {
        // sslbl/sslipblacklist_2015-10-15.csv: banner, the misleading "# DstIP,DstPort" comment, rows ip,port,reason.
        var text =
            "################################################################\n" +
            "# abuse.ch SSL IPBL                                            #\n" +
            "# Last updated: 2015-10-15 14:45:01 (UTC)                      #\n" +
            "#                                                              #\n" +
            "# DstIP,DstPort\n" +
            "104.130.17.100,443,URLzone C&C\n" +
            "95.215.108.70,443,Gozi C&C\n" +
            "# Number of entries: 83";
        var read = FeedRead.Text("sslbl-csv", text);
        Assert.Empty(read.Drops);
        Assert.Equal([(6L, "104.130.17.100"), (7L, "95.215.108.70")], read.Records.Select(r => (r.Line, r.Address!.ToString())));
        Assert.All(read.Records, r => Assert.Null(r.SeenAt));
        Assert.Equal(new DateTimeOffset(2015, 10, 15, 14, 45, 1, TimeSpan.Zero), read.Context.HeaderDate);
    }

    [Theory]
    [InlineData("2020-08-10 21:58:27,194.5.97.33,port", DropReason.BadValue)]
    [InlineData("2020-08-10 21:58:27,194.5.97.33,70000", DropReason.BadValue)]
    [InlineData("104.130.17.100,https,URLzone C&C", DropReason.BadValue)]
    [InlineData("2020-08-10 21:58:27,194.5.97.33", DropReason.WrongColumnCount)]
    [InlineData("104.130.17.100", DropReason.WrongColumnCount)]
    [InlineData("2020-08-10 21:58:27,194.5.97,443", DropReason.BadAddress)]
    [InlineData("2020-08-10 25:58:27,194.5.97.33,443", DropReason.BadTime)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("sslbl-csv", row).Drops).Reason);
    }
}
