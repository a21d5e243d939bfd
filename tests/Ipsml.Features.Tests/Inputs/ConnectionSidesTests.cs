using System.Net;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class ConnectionSidesTests
{
    [Theory]
    [InlineData("192.168.1.107", "66.63.168.35", "66.63.168.35")]       // outbound: the responder
    [InlineData("66.63.168.35", "192.168.1.107", "66.63.168.35")]       // inbound: the originator
    [InlineData("8.8.4.4", "66.63.168.35", "66.63.168.35")]             // both public: the responder
    [InlineData("192.168.1.107", "192.168.1.1", "192.168.1.1")]         // both local: the responder (not public)
    [InlineData("fd2d:ab8c:225::5", "2a00:1450::1", "2a00:1450::1")]    // unique-local IPv6 is local
    [InlineData("2a00:1450::1", "ff02::1:3", "2a00:1450::1")]           // multicast is local
    public void TheRemoteEndIsTheResponderUnlessOnlyTheOriginatorIsNotLocal(string orig, string resp, string remote)
    {
        var (chosen, other) = ConnectionSides.Default.Choose(IPAddress.Parse(orig), IPAddress.Parse(resp));
        Assert.Equal(remote, chosen.ToString());
        Assert.Equal(remote == resp ? orig : resp, other.ToString());
    }

    [Fact]
    public void ConfiguredNetworksAreLocalBesideTheNonPublicRanges()
    {
        var sides = ConnectionSides.Parse("147.32.0.0/16, 2001:718::/32");
        Assert.Equal("94.44.127.113", sides.Choose(IPAddress.Parse("147.32.84.165"), IPAddress.Parse("94.44.127.113")).Remote.ToString());
        Assert.Equal("94.44.127.113", sides.Choose(IPAddress.Parse("94.44.127.113"), IPAddress.Parse("147.32.84.165")).Remote.ToString());
        Assert.Equal("Local 147.32.0.0/16", sides.WhyLocal(IPAddress.Parse("147.32.1.1")));
        Assert.Equal("Local 2001:718::/32", sides.WhyLocal(IPAddress.Parse("2001:718::1")));
        Assert.Equal("Private", sides.WhyLocal(IPAddress.Parse("10.9.8.7")));
        Assert.Null(sides.WhyLocal(IPAddress.Parse("147.33.1.1")));
    }

    [Theory]
    [InlineData("10.1.2.3", "Private")]
    [InlineData("224.0.0.252", "Multicast")]
    [InlineData("169.254.10.1", "LinkLocal")]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("0.0.0.0", "Unspecified")]
    [InlineData("255.255.255.255", "Reserved")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("66.63.168.35", null)]
    public void WhyLocalNamesTheMostSpecificSpecialBlockLikeAddressSpace(string address, string? reason) =>
        Assert.Equal(reason, ConnectionSides.Default.WhyLocal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("10.0.0.1/8")]
    [InlineData("not-a-network")]
    public void BadNetworksAreRefusedNamingThem(string text)
    {
        var e = Assert.Throws<ArgumentException>(() => ConnectionSides.Parse(text));
        Assert.Contains(text, e.Message);
    }

    [Fact]
    public void ZeekReadersTakeTheLocalOptionAndKeepTheOtherEnd()
    {
        const string log =
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\n" +
            "1677024003.7\tC1\t147.32.84.165\t1\t94.44.127.113\t2\n" +
            "1677024004.7\tC2\t94.44.127.113\t1\t147.32.84.165\t2\n";
        var options = new Dictionary<string, string> { ["remote"] = "auto", ["local"] = "147.32.0.0/16" };
        var tsv = FeedRead.Text("zeek-conn", log, options);
        Assert.Equal([("94.44.127.113", "147.32.84.165"), ("94.44.127.113", "147.32.84.165")], tsv.Records.Select(r => (r.Address!.ToString(), r.Peer!.ToString())));

        const string json =
            "{\"ts\":1677024003.7,\"id.orig_h\":\"147.32.84.165\",\"id.resp_h\":\"94.44.127.113\"}\n" +
            "{\"ts\":1677024004.7,\"id.orig_h\":\"94.44.127.113\",\"id.resp_h\":\"147.32.84.165\"}\n";
        var read = FeedRead.Text("zeek-conn-json", json, options);
        Assert.Equal(["94.44.127.113", "94.44.127.113"], read.Records.Select(r => r.Address!.ToString()));

        // Without the option both ends are public and the responder is remote.
        var plain = FeedRead.Text("zeek-conn", log, new Dictionary<string, string> { ["remote"] = "auto" });
        Assert.Equal(["94.44.127.113", "147.32.84.165"], plain.Records.Select(r => r.Address!.ToString()));
    }
}
