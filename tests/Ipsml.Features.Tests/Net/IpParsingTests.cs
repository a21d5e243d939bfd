using System.Net;
using Ipsml.Features.Net;

namespace Ipsml.Features.Tests.Net;

public sealed class IpParsingTests
{
    [Theory]
    [InlineData("1.2.3.4", "1.2.3.4")]
    [InlineData("001.002.003.004", "1.2.3.4")]
    [InlineData("010.0.0.1", "10.0.0.1")]
    [InlineData("255.255.255.255", "255.255.255.255")]
    [InlineData("2a04:4e42::1", "2a04:4e42::1")]
    [InlineData("::ffff:81.2.69.142", "81.2.69.142")]
    [InlineData("FD2D:AB8C:225::1", "fd2d:ab8c:225::1")]
    public void AddressesParseStrictly(string text, string expected)
    {
        Assert.True(IpParsing.TryParseAddress(text, out var address));
        Assert.Equal(expected, address.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("1.2.3")]
    [InlineData("7.42")]
    [InlineData("1")]
    [InlineData("1.2.3.4.5")]
    [InlineData("256.1.1.1")]
    [InlineData("1.2.3.4 ")]
    [InlineData("0x7f.0.0.1")]
    [InlineData("1..3.4")]
    [InlineData("1.2.3.0004")]
    [InlineData("[::1]")]
    [InlineData("fe80::1%eth0")]
    [InlineData("1:2:3:4:5:6:7:8:9")]
    [InlineData("-1.2.3.4")]
    public void ShorthandsAndJunkAreRefused(string text)
    {
        Assert.False(IpParsing.TryParseAddress(text, out _));
    }

    [Theory]
    [InlineData("1.10.16.0/20", "1.10.16.0/20")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("3.4.12.4/32", "3.4.12.4/32")]
    [InlineData("2600:1f69:7400::/40", "2600:1f69:7400::/40")]
    [InlineData("::ffff:81.2.69.142/127", "81.2.69.142/31")]
    [InlineData("::ffff:0:0/96", "0.0.0.0/0")]
    public void NetworksParse(string text, string expected)
    {
        Assert.True(IpParsing.TryParseNetwork(text, out var network));
        Assert.Equal(expected, network.ToString());
    }

    [Theory]
    [InlineData("1.10.16.1/20", "host bits set")]
    [InlineData("1.10.16.0/33", "prefix length too long")]
    [InlineData("1.10.16.0/-1", "bad prefix length")]
    [InlineData("1.10.16.0/", "bad prefix length")]
    [InlineData("1.10.16/20", "bad address")]
    [InlineData("1.10.16.0", "no prefix length")]
    [InlineData("2600::/129", "prefix length too long")]
    public void BadNetworksSayWhy(string text, string error)
    {
        Assert.False(IpParsing.TryParseNetwork(text, out _, out var why));
        Assert.Equal(error, why);
    }

    [Fact]
    public void Uint32RoundTripsMostSignificantOctetFirst()
    {
        Assert.Equal("61.131.218.218", IpParsing.FromUInt32(1032051418).ToString());
        Assert.Equal(1032051418u, IpParsing.ToUInt32(IPAddress.Parse("61.131.218.218")));
    }
}
