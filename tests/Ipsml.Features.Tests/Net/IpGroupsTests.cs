using System.Net;
using Ipsml.Features.Net;

namespace Ipsml.Features.Tests.Net;

public sealed class IpGroupsTests
{
    [Theory]
    [InlineData("81.2.69.142", "81.2.69.0/24")]
    [InlineData("81.2.69.0", "81.2.69.0/24")]
    [InlineData("255.255.255.255", "255.255.255.0/24")]
    [InlineData("::ffff:81.2.69.142", "81.2.69.0/24")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1::/48")]
    [InlineData("2a04:4e42:ffff:1234::1", "2a04:4e42:ffff::/48")]
    [InlineData("fe80::1%2", "fe80::/48")]
    public void KeyIsTheSlash24OrSlash48(string address, string key)
    {
        Assert.Equal(key, IpGroups.Key(IPAddress.Parse(address)));
    }
}
