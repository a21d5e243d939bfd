using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class ZeekConnJsonReaderTests
{
    // The first ctu-sme-11 flow written as Zeek's JSON writer would (same field names), once with epoch and once with ISO ts.
    private const string Epoch = "{\"ts\":1677024003.714845,\"uid\":\"C6SgKom3WB2KEL2ae\",\"id.orig_h\":\"192.168.1.107\",\"id.orig_p\":65164,\"id.resp_h\":\"66.63.168.35\",\"id.resp_p\":5888,\"proto\":\"tcp\",\"label\":\"Malicious\"}";
    private const string Iso = "{\"ts\":\"2023-02-22T00:00:03.714845Z\",\"uid\":\"C6SgKom3WB2KEL2ae\",\"id.orig_h\":\"192.168.1.107\",\"id.orig_p\":65164,\"id.resp_h\":\"66.63.168.35\",\"id.resp_p\":5888,\"proto\":\"tcp\"}";

    [Fact]
    public void EpochAndIsoTimestampsGiveTheSameUtcTime()
    {
        var read = FeedRead.Text("zeek-conn-json", Epoch + "\n" + Iso + "\n");
        Assert.Empty(read.Drops);
        var expected = new DateTimeOffset(2023, 2, 22, 0, 0, 3, TimeSpan.Zero).AddTicks(7148450);
        Assert.Equal([expected, expected], read.Records.Select(r => r.SeenAt!.Value));
        Assert.Equal(["66.63.168.35", "66.63.168.35"], read.Records.Select(r => r.Address!.ToString()));
        Assert.Equal(["Malicious", null], read.Records.Select(r => r.Label));
    }

    [Fact]
    public void RemoteOrigTakesTheOriginator()
    {
        var read = FeedRead.Text("zeek-conn-json", Epoch, new Dictionary<string, string> { ["remote"] = "orig" });
        Assert.Equal("192.168.1.107", Assert.Single(read.Records).Address!.ToString());
    }

    [Theory]
    [InlineData("{\"ts\":1677024003.7,\"id.orig_h\":\"192.168.1.107\"}", DropReason.BadAddress)]
    [InlineData("{\"id.orig_h\":\"192.168.1.107\",\"id.resp_h\":\"66.63.168.35\"}", DropReason.BadTime)]
    [InlineData("{\"ts\":true,\"id.orig_h\":\"192.168.1.107\",\"id.resp_h\":\"66.63.168.35\"}", DropReason.BadTime)]
    [InlineData("{\"ts\":1677024003.7,\"id.resp_h\":", DropReason.Malformed)]
    public void BadLinesAreDropped(string line, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("zeek-conn-json", line).Drops).Reason);
    }
}
