using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class TimeIpReaderTests
{
    // First two lines and the last line of csirtg-ipsml/blacklist.txt (no final newline).
    private const string Blacklist = "2018-04-11T04:28:01,36.77.124.2\n2018-04-11T00:48:10Z,185.116.156.25\n2018-06-01 19:21:33 UTC,14.207.46.150";

    [Fact]
    public void MixedTimeFormatsAllBecomeUtc()
    {
        var read = FeedRead.Text("time-ip", Blacklist);
        Assert.Empty(read.Drops);
        Assert.Equal(
            [
                (1L, "36.77.124.2", new DateTimeOffset(2018, 4, 11, 4, 28, 1, TimeSpan.Zero)),
                (2L, "185.116.156.25", new DateTimeOffset(2018, 4, 11, 0, 48, 10, TimeSpan.Zero)),
                (3L, "14.207.46.150", new DateTimeOffset(2018, 6, 1, 19, 21, 33, TimeSpan.Zero)),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
    }

    [Fact]
    public void ZoneLessTimesAreReadInTheTimezoneOptionAndZonedOnesAreNot()
    {
        var read = FeedRead.Text("time-ip", Blacklist, new Dictionary<string, string> { ["timezone"] = "Europe/Berlin" });
        Assert.Equal(new DateTimeOffset(2018, 4, 11, 2, 28, 1, TimeSpan.Zero), read.Records[0].SeenAt); // CEST = UTC+2
        Assert.Equal(new DateTimeOffset(2018, 4, 11, 0, 48, 10, TimeSpan.Zero), read.Records[1].SeenAt);
    }

    [Fact]
    public void BadRowsBecomeDropsWithTheirReason()
    {
        var read = FeedRead.Text("time-ip", "2018-13-01 00:00:00 UTC,1.2.3.4\n2018-04-11T00:48:10Z,185.116.156\n2018-04-11T00:48:10Z\n1,2,3\n,8.8.8.8\n");
        Assert.Equal(
            [(1L, DropReason.BadTime), (2L, DropReason.BadAddress), (3L, DropReason.WrongColumnCount), (4L, DropReason.WrongColumnCount)],
            read.Drops.Select(d => (d.Line, d.Reason)));
        var untimed = Assert.Single(read.Records);
        Assert.Equal((5L, "8.8.8.8", (DateTimeOffset?)null), (untimed.Line, untimed.Address!.ToString(), untimed.SeenAt));
    }

    [Fact]
    public void CommentsHeaderAndBlankLinesAreSkippedNotDropped()
    {
        var read = FeedRead.Text("time-ip", "# csirtg\ntimestamp,ip\n\n   \n2018-04-11T00:48:10Z,185.116.156.25\n");
        Assert.Single(read.Records);
        Assert.Empty(read.Drops);
        Assert.Equal(4, read.Context.SkippedLines);
    }

    [Fact]
    public void AnUnknownTimezoneFailsBeforeReading()
    {
        var reader = FeedReaders.Get("time-ip");
        var context = new FeedReadContext("x", new Dictionary<string, string> { ["timezone"] = "Mars/Olympus" });
        var e = Assert.Throws<ArgumentException>(() => reader.Read(new StringReader(Blacklist), context));
        Assert.Contains("Mars/Olympus", e.Message);
    }

    [Fact]
    public void AnUnknownOptionFailsBeforeReading()
    {
        var reader = FeedReaders.Get("time-ip");
        var context = new FeedReadContext("x", new Dictionary<string, string> { ["timezon"] = "UTC" });
        var e = Assert.Throws<ArgumentException>(() => reader.Read(new StringReader(Blacklist), context));
        Assert.Contains("timezon", e.Message);
        Assert.Contains("timezone", e.Message);
    }
}
