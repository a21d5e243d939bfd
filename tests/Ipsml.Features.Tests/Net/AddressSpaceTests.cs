using System.Net;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;
using Ipsml.Features.Tests.Inputs;

namespace Ipsml.Features.Tests.Net;

public sealed class AddressSpaceTests
{
    [Theory]
    [InlineData("0.0.0.0", DropReason.Unspecified)]
    [InlineData("0.1.2.3", DropReason.Reserved)]
    [InlineData("10.20.30.40", DropReason.Private)]
    [InlineData("100.64.0.1", DropReason.SharedAddressSpace)]
    [InlineData("100.127.255.255", DropReason.SharedAddressSpace)]
    [InlineData("127.0.0.1", DropReason.Loopback)]
    [InlineData("169.254.169.254", DropReason.LinkLocal)]
    [InlineData("172.16.0.1", DropReason.Private)]
    [InlineData("172.31.255.255", DropReason.Private)]
    [InlineData("192.0.0.8", DropReason.Reserved)]
    [InlineData("192.0.2.1", DropReason.Documentation)]
    [InlineData("192.88.99.1", DropReason.Reserved)]
    [InlineData("192.168.1.107", DropReason.Private)]
    [InlineData("198.18.0.1", DropReason.Reserved)]
    [InlineData("198.19.255.255", DropReason.Reserved)]
    [InlineData("198.51.100.7", DropReason.Documentation)]
    [InlineData("203.0.113.9", DropReason.Documentation)]
    [InlineData("224.0.0.251", DropReason.Multicast)]
    [InlineData("239.255.255.250", DropReason.Multicast)]
    [InlineData("240.0.0.1", DropReason.Reserved)]
    [InlineData("255.255.255.255", DropReason.Reserved)]
    [InlineData("::", DropReason.Unspecified)]
    [InlineData("::1", DropReason.Loopback)]
    [InlineData("::ffff:10.0.0.1", DropReason.Private)]
    [InlineData("::ffff:127.0.0.1", DropReason.Loopback)]
    [InlineData("64:ff9b::808:808", DropReason.Reserved)]
    [InlineData("64:ff9b:1::1", DropReason.Private)]
    [InlineData("100::1", DropReason.Reserved)]
    [InlineData("2001::1", DropReason.Reserved)]
    [InlineData("2001:1ff:ffff::1", DropReason.Reserved)]
    [InlineData("2001:db8::1", DropReason.Documentation)]
    [InlineData("3fff::1", DropReason.Documentation)]
    [InlineData("fd2d:ab8c:225::1", DropReason.Private)]
    [InlineData("fc00::1", DropReason.Private)]
    [InlineData("fe80::5dd3:6bb3:7720:1e83", DropReason.LinkLocal)]
    [InlineData("ff02::1:3", DropReason.Multicast)]
    [InlineData("::8.8.8.8", DropReason.Bogon)]
    [InlineData("fec0::1", DropReason.Bogon)]
    [InlineData("4000::1", DropReason.Bogon)]
    [InlineData("5f00::1", DropReason.Bogon)]
    [InlineData("1000::1", DropReason.Bogon)]
    public void SpecialAddressesGetTheirRegistryReason(string address, DropReason reason)
    {
        Assert.Equal(reason, AddressSpace.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("1.0.0.1")]
    [InlineData("8.8.8.8")]
    [InlineData("81.2.69.142")]
    [InlineData("66.63.168.35")]
    [InlineData("100.63.255.255")]
    [InlineData("100.128.0.0")]
    [InlineData("172.15.255.255")]
    [InlineData("172.32.0.0")]
    [InlineData("192.0.3.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2001:200::1")]
    [InlineData("2002:c000:204::1")]
    [InlineData("2606:4700::1111")]
    [InlineData("2a04:4e42::1")]
    [InlineData("3ffe:ffff::1")]
    public void PublicUnicastAddressesAreNotSpecial(string address)
    {
        Assert.Null(AddressSpace.Classify(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("10.1.0.0/16", DropReason.Private)]
    [InlineData("0.0.0.0/8", DropReason.Reserved)]
    [InlineData("0.0.0.0/32", DropReason.Unspecified)]
    [InlineData("224.0.0.0/3", DropReason.Multicast)]
    [InlineData("100.0.0.0/8", DropReason.SharedAddressSpace)]
    [InlineData("192.0.0.0/8", DropReason.Private)]
    [InlineData("192.0.2.128/25", DropReason.Documentation)]
    [InlineData("fd00::/8", DropReason.Private)]
    [InlineData("::ffff:10.0.0.0/104", DropReason.Private)]
    [InlineData("::/0", DropReason.Bogon)]
    [InlineData("2000::/3", DropReason.Documentation)]
    public void NetworksOverlappingSpecialSpaceTakeTheMostSpecificReason(string cidr, DropReason reason)
    {
        Assert.Equal(reason, AddressSpace.ClassifyNetwork(IPNetwork.Parse(cidr)));
    }

    [Theory]
    [InlineData("1.10.16.0/20")]
    [InlineData("8.0.0.0/8")]
    [InlineData("2600:1f69:7400::/40")]
    [InlineData("2a04:4e40::/32")]
    public void PublicNetworksAreNotSpecial(string cidr)
    {
        Assert.Null(AddressSpace.ClassifyNetwork(IPNetwork.Parse(cidr)));
    }

    [Fact]
    public void ScreeningFireHolLevel1DropsExactlyItsBogonNetworks()
    {
        // The 13 networks of firehol_level1.netset that overlap the table, per Python's ipaddress.overlaps.
        var read = FeedRead.File("netset", "firehol-ipsets", "firehol_level1.netset");
        var screened = read.Records.Select(AddressSpace.Screen).ToList();
        var dropped = screened.Where(i => i.Drop is not null).Select(i => i.Drop!.Value).ToList();
        var byNetwork = dropped.ToDictionary(d => read.Records.Single(r => r.Line == d.Line).Network!.Value.ToString(), d => d.Reason);
        Assert.Equal(
            new Dictionary<string, DropReason>
            {
                ["0.0.0.0/8"] = DropReason.Reserved,
                ["10.0.0.0/8"] = DropReason.Private,
                ["100.64.0.0/10"] = DropReason.SharedAddressSpace,
                ["127.0.0.0/8"] = DropReason.Loopback,
                ["169.254.0.0/16"] = DropReason.LinkLocal,
                ["172.16.0.0/12"] = DropReason.Private,
                ["192.0.0.0/24"] = DropReason.Reserved,
                ["192.0.2.0/24"] = DropReason.Documentation,
                ["192.168.0.0/16"] = DropReason.Private,
                ["198.18.0.0/15"] = DropReason.Reserved,
                ["198.51.100.0/24"] = DropReason.Documentation,
                ["203.0.113.0/24"] = DropReason.Documentation,
                ["224.0.0.0/3"] = DropReason.Multicast,
            },
            byNetwork);
        Assert.Equal(2511 - 13, screened.Count(i => i.Record is not null));
    }

    [Fact]
    public void ScreenNamesTheBlockInTheDetail()
    {
        var drop = AddressSpace.Screen(new FeedRecord(7, IPAddress.Parse("127.0.0.1"), null, null)).Drop!.Value;
        Assert.Equal((7L, DropReason.Loopback), (drop.Line, drop.Reason));
        Assert.Contains("127.0.0.0/8", drop.Detail);
    }

    [Fact]
    public void TheTableListsIpv4ThenIpv6InAddressOrder()
    {
        var ranges = AddressSpace.Ranges;
        Assert.Equal(31, ranges.Count);
        Assert.Equal("0.0.0.0/8", ranges[0].Network.ToString());
        Assert.Equal("ff00::/8", ranges[^1].Network.ToString());
    }
}
