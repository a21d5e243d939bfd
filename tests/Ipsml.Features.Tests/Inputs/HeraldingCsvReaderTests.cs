using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class HeraldingCsvReaderTests
{
    // The header and first row of heralding_activity.log, and its last row (empty password), CRLF as in the file.
    private const string Heralding =
        "timestamp,auth_id,session_id,source_ip,source_port,destination_ip,destination_port,protocol,username,password\r\n" +
        "2016-12-14 21:50:14.344387,06dcdb6b-feaa-43b5-8b44-b6cb8d28dbd2,824fa9fc-3f3c-4256-9b9a-fef64562105d,218.191.87.87,55928,,23,telnet,root,123456\r\n" +
        "2016-12-15 20:33:24.018174,68d50a3a-2f4f-45a9-8eb9-15ff4d73e360,6ca971ab-1311-42e6-ab59-bee7277fdc57,43.245.136.218,46382,,23,telnet,root,\r\n";

    [Fact]
    public void RowsGiveSourceIpAndZoneLessTimeAsUtc()
    {
        var read = FeedRead.Text("heralding-csv", Heralding);
        Assert.Empty(read.Drops);
        Assert.Equal(
            [
                (2L, "218.191.87.87", new DateTimeOffset(2016, 12, 14, 21, 50, 14, TimeSpan.Zero).AddTicks(3443870)),
                (3L, "43.245.136.218", new DateTimeOffset(2016, 12, 15, 20, 33, 24, TimeSpan.Zero).AddTicks(181740)),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
        Assert.Equal(1, read.Context.SkippedLines);
    }

    [Fact]
    public void TimezoneOptionShiftsZoneLessTimes()
    {
        var read = FeedRead.Text("heralding-csv", Heralding, new Dictionary<string, string> { ["timezone"] = "America/Chicago" });
        Assert.Equal(new DateTimeOffset(2016, 12, 15, 3, 50, 14, TimeSpan.Zero).AddTicks(3443870), read.Records[0].SeenAt); // CST = UTC-6
    }

    [Fact]
    public void AQuotedPasswordWithACommaKeepsTheColumnCount()
    {
        var text = Heralding + "2016-12-15 20:33:25.000000,a,b,43.245.136.218,46382,,23,telnet,root,\"pa,ss\"\r\n";
        var read = FeedRead.Text("heralding-csv", text);
        Assert.Equal(3, read.Records.Count);
        Assert.Empty(read.Drops);
    }

    [Theory]
    [InlineData("2016-12-15 20:33:25.000000,a,b,43.245.136.218,46382,,23,telnet,root,pa,ss", DropReason.WrongColumnCount)]
    [InlineData("2016-12-15 20:33:25.000000,a,b,43.245.136.218,46382,,23,telnet,root,\"pass", DropReason.Malformed)]
    [InlineData("2016-12-15T99:33:25,a,b,43.245.136.218,46382,,23,telnet,root,", DropReason.BadTime)]
    [InlineData("2016-12-15 20:33:25.000000,a,b,,46382,,23,telnet,root,", DropReason.BadAddress)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        var drop = Assert.Single(FeedRead.Text("heralding-csv", Heralding + row).Drops);
        Assert.Equal((4L, reason), (drop.Line, drop.Reason));
    }
}
