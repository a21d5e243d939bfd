using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class RankDomainIpReaderTests
{
    [Fact]
    public void RowsGiveUntimedAddressRecords()
    {
        // First and last rows of alexa-resolved/alexa-top-1000-ips.csv.
        var read = FeedRead.Text("rank-domain-ip", "1,google.com,172.217.168.206\n2,youtube.com,172.217.168.238\n1017,huawei.com,45.249.212.124\n");
        Assert.Equal([(1L, "172.217.168.206"), (2L, "172.217.168.238"), (3L, "45.249.212.124")], read.Records.Select(r => (r.Line, r.Address!.ToString())));
        Assert.All(read.Records, r => Assert.Null(r.SeenAt));
    }

    [Theory]
    [InlineData("0,google.com,172.217.168.206", DropReason.BadValue)]
    [InlineData("first,google.com,172.217.168.206", DropReason.BadValue)]
    [InlineData("1,,172.217.168.206", DropReason.BadValue)]
    [InlineData("1,google.com", DropReason.WrongColumnCount)]
    [InlineData("1,google.com,172.217.168.206,extra", DropReason.WrongColumnCount)]
    [InlineData("1,google.com,google.com", DropReason.BadAddress)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("rank-domain-ip", row).Drops).Reason);
    }

    [Fact]
    public void AHeaderRowIsSkipped()
    {
        var read = FeedRead.Text("rank-domain-ip", "rank,domain,ip\n1,google.com,172.217.168.206");
        Assert.Single(read.Records);
        Assert.Equal(1, read.Context.SkippedLines);
    }
}
