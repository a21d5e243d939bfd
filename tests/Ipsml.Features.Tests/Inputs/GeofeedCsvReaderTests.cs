using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class GeofeedCsvReaderTests
{
    [Fact]
    public void LinodeGeofeedGivesNetworksAndItsLastModifiedDate()
    {
        // The three comment lines and first rows of cloud-ranges/linode.txt.
        var text =
            "# This file contains a self-published geofeed as defined in https://datatracker.ietf.org/doc/html/rfc8805\n" +
            "# Last modified: 2025-07-24 10:00:06.525037\n" +
            "# ip_prefix, alpha2code, region, city, postal_code\n" +
            "2600:3c00::/32,US,US-TX,Richardson,\n" +
            "172.239.31.0/24,FR,FR-IDF,Paris,\n";
        var read = FeedRead.Text("geofeed-csv", text);
        Assert.Equal([(4L, "2600:3c00::/32"), (5L, "172.239.31.0/24")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Equal(new DateTimeOffset(2025, 7, 24, 10, 0, 6, TimeSpan.Zero).AddTicks(5250370), read.Context.HeaderDate);
        Assert.Equal(3, read.Context.SkippedLines);
    }

    [Fact]
    public void DigitalOceanRowsWithPostalCodesParse()
    {
        var read = FeedRead.Text("geofeed-csv", "5.101.96.0/21,NL,NL-NH,Amsterdam,1098 XH\n24.144.64.0/22,US,US-NJ,North Bergen,07047");
        Assert.Equal(["5.101.96.0/21", "24.144.64.0/22"], read.Records.Select(r => r.Network!.Value.ToString()));
    }

    [Theory]
    [InlineData("5.101.96.1/21,NL,NL-NH,Amsterdam,", DropReason.BadNetwork)]
    [InlineData("Amsterdam,NL", DropReason.BadAddress)]
    [InlineData(",NL,NL-NH,Amsterdam,", DropReason.BadAddress)]
    public void BadPrefixesAreDropped(string row, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("geofeed-csv", row).Drops).Reason);
    }
}
