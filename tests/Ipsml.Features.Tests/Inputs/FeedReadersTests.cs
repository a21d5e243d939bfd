using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class FeedReadersTests
{
    private static readonly string[] Expected =
    [
        "binetflow", "cloud-json", "conn-csv", "cowrie-json", "dionaea-csv", "feodo-csv", "geofeed-csv", "heralding-csv", "ip-list",
        "ipsum", "marx-csv", "netset", "rank-domain-ip", "spamhaus-drop-json", "sslbl-csv", "time-ip", "zeek-conn", "zeek-conn-json",
    ];

    [Fact]
    public void EveryFormatNameOfTheRegistryIsKnownAndSorted()
    {
        Assert.Equal(Expected, FeedReaders.Formats);
        Assert.All(Expected, f => Assert.Equal(f, FeedReaders.Get(f).Format));
    }

    [Fact]
    public void AnUnknownFormatThrowsListingTheKnownOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => FeedReaders.Get("ipset"));
        Assert.Contains("'ipset'", e.Message);
        Assert.All(Expected, f => Assert.Contains(f, e.Message));
    }

    [Fact]
    public void ToplistIsNotAnAddressReaderAndSaysWhereToGo()
    {
        var e = Assert.Throws<ArgumentException>(() => FeedReaders.Get(TopListReader.FormatName));
        Assert.Contains(nameof(TopListReader), e.Message);
        FeedReaders.ValidateOptions("toplist", new Dictionary<string, string>());
    }

    [Theory]
    [InlineData("marx-csv", "timezone", "Europe/London", true)]
    [InlineData("marx-csv", "timezone", "Nowhere/Special", false)]
    [InlineData("ipsum", "timezone", "UTC", false)]
    [InlineData("zeek-conn", "remote", "auto", true)]
    [InlineData("zeek-conn", "remote", "both", false)]
    [InlineData("zeek-conn", "labels", "detailedlabel", true)]
    [InlineData("cloud-json", "column", "1", false)]
    public void OptionsAreCheckedAgainstTheFormat(string format, string key, string value, bool valid)
    {
        var options = new Dictionary<string, string> { [key] = value };
        if (valid)
        {
            FeedReaders.ValidateOptions(format, options);
        }
        else
        {
            Assert.Throws<ArgumentException>(() => FeedReaders.ValidateOptions(format, options));
        }
    }
}
