using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class TopListReaderTests
{
    private static List<TopListItem> Read(string text, FeedReadContext? context = null) =>
        [.. new TopListReader().Read(new StringReader(text), context ?? new FeedReadContext("test"))];

    [Fact]
    public void CrlfRankDomainRowsBecomeEntries()
    {
        // First rows of umbrella-top/umbrella-top-sites-10000_2025-09-26.csv and its last row without final newline.
        var items = Read("1,google.com\r\n2,www.google.com\r\n10000,seal.digicert.com");
        Assert.Equal([(1L, 1L, "google.com"), (2L, 2L, "www.google.com"), (3L, 10000L, "seal.digicert.com")], items.Select(i => (i.Entry!.Value.Line, i.Entry!.Value.Rank, i.Entry!.Value.Domain)));
    }

    [Fact]
    public void DomainsAreLowerCasedWithoutTrailingDot()
    {
        Assert.Equal("netflix.com", Assert.Single(Read("1,NetFlix.COM.")).Entry!.Value.Domain);
    }

    [Theory]
    [InlineData("0,google.com", DropReason.BadValue)]
    [InlineData("x,google.com", DropReason.BadValue)]
    [InlineData("1,goo gle.com", DropReason.BadValue)]
    [InlineData("1,google..com", DropReason.BadValue)]
    [InlineData("1,", DropReason.BadValue)]
    [InlineData("1,google.com,8.8.8.8", DropReason.WrongColumnCount)]
    [InlineData("google.com", DropReason.WrongColumnCount)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        var item = Assert.Single(Read(row));
        Assert.Null(item.Entry);
        Assert.Equal((1L, reason), (item.Drop!.Value.Line, item.Drop!.Value.Reason));
    }

    [Fact]
    public void HeaderCommentsAndBlankLinesAreSkipped()
    {
        var context = new FeedReadContext("test");
        var items = Read("# top\r\nrank,domain\r\n\r\n1,google.com\r\n", context);
        Assert.Single(items);
        Assert.Equal(3, context.SkippedLines);
    }

    [Fact]
    public void OptionsAreRefused()
    {
        var context = new FeedReadContext("test", new Dictionary<string, string> { ["timezone"] = "UTC" });
        Assert.Throws<ArgumentException>(() => new TopListReader().Read(new StringReader("1,google.com"), context));
    }
}
