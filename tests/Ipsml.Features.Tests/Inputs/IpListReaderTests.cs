using System.Net.Sockets;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class IpListReaderTests
{
    // Lines of firehol-ipsets/botscout_1d.ipset: part of the header, two addresses, a CIDR.
    private const string BotScout =
        "#\n# botscout_1d\n#\n# ipv4 hash:ip ipset\n#\n# Source File Date: Mon Jan 24 11:16:31 UTC 2022\n#\n" +
        "# This File Date  : Mon Jan 24 11:16:31 UTC 2022\n# Entries         : 1858 unique IPs\n#\n1.57.21.59\n1.169.121.205\n5.157.14.32/31\n";

    [Fact]
    public void FireHolIpsetGivesAddressesAndCidrsAndItsSourceDate()
    {
        var read = FeedRead.Text("ip-list", BotScout);
        Assert.Empty(read.Drops);
        Assert.Equal(10, read.Context.SkippedLines);
        Assert.Equal(new DateTimeOffset(2022, 1, 24, 11, 16, 31, TimeSpan.Zero), read.Context.HeaderDate);
        Assert.Equal([(11L, "1.57.21.59"), (12L, "1.169.121.205")], read.Records.Where(r => r.Address is not null).Select(r => (r.Line, r.Address!.ToString())));
        var cidr = read.Records[2];
        Assert.Equal((13L, "5.157.14.32/31"), (cidr.Line, cidr.Network!.Value.ToString()));
    }

    [Fact]
    public void SourceFileDateWinsOverThisFileDateWhicheverComesFirst()
    {
        var read = FeedRead.Text("netset", "# This File Date  : Sat Jan 22 07:00:04 UTC 2022\n# Source File Date: Fri Jan 21 05:30:02 UTC 2022\n1.10.16.0/20\n");
        Assert.Equal(new DateTimeOffset(2022, 1, 21, 5, 30, 2, TimeSpan.Zero), read.Context.HeaderDate);
        var alone = FeedRead.Text("netset", "# This File Date  : Tue Jan  4 17:52:02 UTC 2022\n1.10.16.0/20\n");
        Assert.Equal(new DateTimeOffset(2022, 1, 4, 17, 52, 2, TimeSpan.Zero), alone.Context.HeaderDate);
    }

    [Fact]
    public void AkamaiTrailingTabsCrlfAndMissingFinalNewlineAreTolerated()
    {
        // akamai-v4-ip-ranges.txt ends each line with a TAB and has no final newline.
        var read = FeedRead.Text("ip-list", "23.32.0.0/11\t\r\n23.192.0.0/11\t\r\n184.84.0.0/14\t");
        Assert.Empty(read.Drops);
        Assert.Equal(["23.32.0.0/11", "23.192.0.0/11", "184.84.0.0/14"], read.Records.Select(r => r.Network!.Value.ToString()));
    }

    [Fact]
    public void CloudflareIpv6RangesParse()
    {
        var read = FeedRead.Text("ip-list", "2400:cb00::/32\n2a06:98c0::/29\n2c0f:f248::/32");
        Assert.Equal(3, read.Records.Count);
        Assert.All(read.Records, r => Assert.Equal(AddressFamily.InterNetworkV6, r.Network!.Value.BaseAddress.AddressFamily));
    }

    [Fact]
    public void TrailingCommentsAfterHashOrSemicolonAreIgnored()
    {
        var read = FeedRead.Text("netset", "1.10.16.0/20 ; SBL256894\n8.8.8.8 # resolver\n; only a comment\n");
        Assert.Equal(["1.10.16.0/20", "8.8.8.8"], read.Records.Select(r => (r.Network?.ToString() ?? r.Address!.ToString())));
        Assert.Equal(1, read.Context.SkippedLines);
    }

    [Fact]
    public void BogonNetworksAreRecordsHereAndScreenedLater()
    {
        // firehol_level1.netset starts with 0.0.0.0/8 and lists 10.0.0.0/8: syntax is fine, so the reader keeps them.
        var read = FeedRead.Text("netset", "0.0.0.0/8\n1.10.16.0/20\n10.0.0.0/8\n");
        Assert.Equal(3, read.Records.Count);
        Assert.Empty(read.Drops);
    }

    [Theory]
    [InlineData("1.2.3.4/24", DropReason.BadNetwork)]
    [InlineData("1.2.3.0/33", DropReason.BadNetwork)]
    [InlineData("1.2.3.0/", DropReason.BadNetwork)]
    [InlineData("999.1.1.1", DropReason.BadAddress)]
    [InlineData("7.42", DropReason.BadAddress)]
    [InlineData("0x7f.0.0.1", DropReason.BadAddress)]
    [InlineData("1.2.3.4 5.6.7.8", DropReason.Malformed)]
    [InlineData("1.2.3.4-1.2.3.9", DropReason.BadAddress)]
    [InlineData("fe80::1%eth0", DropReason.BadAddress)]
    public void BadLinesAreDroppedWithTheirReason(string line, DropReason reason)
    {
        var read = FeedRead.Text("ip-list", line);
        var drop = Assert.Single(read.Drops);
        Assert.Equal((1L, reason), (drop.Line, drop.Reason));
        Assert.Empty(read.Records);
    }

    [Fact]
    public void Ipv4MappedIpv6BecomesIpv4()
    {
        var read = FeedRead.Text("ip-list", "::ffff:81.2.69.142\n::ffff:81.2.69.0/120\n");
        Assert.Equal("81.2.69.142", read.Records[0].Address!.ToString());
        Assert.Equal("81.2.69.0/24", read.Records[1].Network!.Value.ToString());
    }
}
