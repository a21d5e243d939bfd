using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class CowrieJsonReaderTests
{
    // Two events of cowrie-kareiva/cowrie.json.2018-05-06.
    private const string Connect = "{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26.58\", \"src_port\": 52577, \"timestamp\": \"2018-05-06T17:44:05.866769Z\", \"message\": \"New connection: 88.223.26.58:52577 (172.17.0.3:2222) [session: 173332e506ca]\", \"dst_ip\": \"172.17.0.3\", \"system\": \"cowrie.ssh.factory.CowrieSSHFactory\", \"protocol\": \"ssh\", \"isError\": 0, \"session\": \"173332e506ca\", \"dst_port\": 2222, \"sensor\": \"920497a79896\"}";
    private const string Closed = "{\"eventid\": \"cowrie.session.closed\", \"timestamp\": \"2018-05-06T17:44:05.943970Z\", \"message\": \"Connection lost after 0 seconds\", \"system\": \"HoneyPotSSHTransport,0,88.223.26.58\", \"isError\": 0, \"src_ip\": \"88.223.26.58\", \"duration\": 0.07313299179077148, \"session\": \"173332e506ca\", \"sensor\": \"920497a79896\"}";

    [Fact]
    public void OnlySessionConnectEventsAreRecordsOtherEventsAreSkipped()
    {
        var read = FeedRead.Text("cowrie-json", Connect + "\n" + Closed + "\n");
        var record = Assert.Single(read.Records);
        Assert.Equal((1L, "88.223.26.58", new DateTimeOffset(2018, 5, 6, 17, 44, 5, TimeSpan.Zero).AddTicks(8667690)), (record.Line, record.Address!.ToString(), record.SeenAt!.Value));
        Assert.Empty(read.Drops);
        Assert.Equal(1, read.Context.SkippedLines);
    }

    [Theory]
    [InlineData("{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26", DropReason.Malformed)]
    [InlineData("{\"src_ip\": \"88.223.26.58\"}", DropReason.Malformed)]
    [InlineData("{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26\", \"timestamp\": \"2018-05-06T17:44:05Z\"}", DropReason.BadAddress)]
    [InlineData("{\"eventid\": \"cowrie.session.connect\", \"timestamp\": \"2018-05-06T17:44:05Z\"}", DropReason.BadAddress)]
    [InlineData("{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26.58\", \"timestamp\": \"yesterday\"}", DropReason.BadTime)]
    [InlineData("{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26.58\", \"timestamp\": 1525628645}", DropReason.BadTime)]
    public void BadEventsAreDropped(string line, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("cowrie-json", line).Drops).Reason);
    }
}
