using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class ConnectionCsvReaderTests
{
    private static Dictionary<string, string> Options(params (string Key, string Value)[] pairs) => pairs.ToDictionary(p => p.Key, p => p.Value);

    [Fact]
    public void NamedColumnsAreFoundInTheHeaderAndTheRemoteSideFollowsTheRule()
    {
        var text =
            "time,src,dst,bytes,verdict\n" +
            "1677024003.5,192.168.1.7,66.63.168.35,100,Malicious\n" +
            "2023-02-22T01:02:03+01:00,8.8.8.8,10.1.2.3,5,\n" +
            "1677024003714,\"10.0.0.1\",1.1.1.1,7,Benign\n";
        var read = FeedRead.Text("conn-csv", text, Options(("ip-columns", "src,dst"), ("time-column", "time"), ("labels", "verdict")));
        Assert.Empty(read.Drops);
        Assert.Equal(
            [
                ("66.63.168.35", "192.168.1.7", new DateTimeOffset(2023, 2, 22, 0, 0, 3, 500, TimeSpan.Zero), "Malicious"),
                ("8.8.8.8", "10.1.2.3", new DateTimeOffset(2023, 2, 22, 0, 2, 3, TimeSpan.Zero), null),
                ("1.1.1.1", "10.0.0.1", new DateTimeOffset(2023, 2, 22, 0, 0, 3, 714, TimeSpan.Zero), "Benign"),
            ],
            read.Records.Select(r => (r.Address!.ToString(), r.Peer!.ToString(), r.SeenAt!.Value, r.Label)));
    }

    [Fact]
    public void NumberedColumnsNeedNoHeaderAndOneAddressColumnIsTheRemoteEnd()
    {
        var read = FeedRead.Text("conn-csv", "x;203.0.113.9;2023-02-22 05:00:00\ny;198.51.100.1;-\n", Options(("ip-column", "2"), ("time-column", "3"), ("separator", ";")));
        Assert.Equal([("203.0.113.9", (DateTimeOffset?)new DateTimeOffset(2023, 2, 22, 5, 0, 0, TimeSpan.Zero)), ("198.51.100.1", null)], read.Records.Select(r => (r.Address!.ToString(), r.SeenAt)));
        Assert.All(read.Records, r => Assert.Null(r.Peer));
    }

    [Fact]
    public void BadRowsAreDroppedWithTheirReason()
    {
        var text =
            "ts,ip\n" +
            "1677024003,1.2.3.4,extra\n" +   // 3 fields, header has 2
            "1677024003,1.2.3\n" +           // bad address
            "yesterday,1.2.3.4\n" +          // bad time
            "\"1677024003,1.2.3.4\n" +       // unclosed quote
            "1677024003,1.2.3.4\n";
        var read = FeedRead.Text("conn-csv", text, Options(("ip-column", "ip"), ("time-column", "ts")));
        Assert.Equal(
            [(2L, DropReason.WrongColumnCount), (3L, DropReason.BadAddress), (4L, DropReason.BadTime), (5L, DropReason.Malformed)],
            read.Drops.Select(d => (d.Line, d.Reason)));
        Assert.Single(read.Records);
    }

    [Fact]
    public void AHeaderWithoutANamedColumnMakesEveryRowMalformed()
    {
        var read = FeedRead.Text("conn-csv", "ts,addr\n1677024003,1.2.3.4\n", Options(("ip-column", "ip"), ("time-column", "ts")));
        var drop = Assert.Single(read.Drops);
        Assert.Equal(DropReason.Malformed, drop.Reason);
        Assert.Contains("'ip'", drop.Detail);
    }

    [Theory]
    [InlineData("time-column", "ts")]                               // no address column
    [InlineData("ip-columns", "a")]                                 // one column for two
    [InlineData("ip-column", "0")]                                  // columns are 1-based
    [InlineData("separator", "ab")]
    public void BadOptionsAreRefusedBeforeReading(string key, string value)
    {
        var options = Options((key, value));
        if (key != "ip-column" && key != "ip-columns")
        {
            options["ip-column"] = "1";
            if (key == "time-column")
            {
                options.Remove("ip-column");
            }
        }

        Assert.Throws<ArgumentException>(() => FeedReaders.ValidateOptions("conn-csv", options));
    }

    [Fact]
    public void HeaderFalseWithANamedColumnIsRefused() =>
        Assert.Throws<ArgumentException>(() => FeedReaders.ValidateOptions("conn-csv", Options(("ip-column", "ip"), ("header", "false"))));
}
