using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class BinetflowReaderTests
{
    private const string Header = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label\n";

    // Rows in the CTU-13 layout: an outbound botnet flow, an inbound scan from outside, and background traffic.
    private const string Rows =
        "2011/08/10 09:46:59.607825,1.026539,tcp,147.32.84.165,1577,   ->,94.44.127.113,6881,S_RA,0,0,4,276,156,flow=From-Botnet-V42-TCP-CC6-Plain-HTTP\n" +
        "2011/08/10 09:47:00.000001,0.000000,tcp,94.44.127.113,1577,   ->,192.168.1.20,22,S_,0,0,1,60,60,flow=Background-TCP-Attempt\n" +
        "2011/08/10 09:47:01.5,0.5,udp,10.0.0.1,53,  <->,10.0.0.2,53,CON,0,0,2,120,60,flow=To-Normal-V42-UDP-DNS\n";

    [Fact]
    public void SlashedStartTimesLabelsWithoutFlowPrefixAndTheDocumentedRemoteSide()
    {
        var read = FeedRead.Text("binetflow", Header + Rows);
        Assert.Empty(read.Drops);
        Assert.Equal(1, read.Context.SkippedLines);
        Assert.Equal(
            [
                (2L, "94.44.127.113", "147.32.84.165", new DateTimeOffset(2011, 8, 10, 9, 46, 59, TimeSpan.Zero).AddTicks(6078250), "From-Botnet-V42-TCP-CC6-Plain-HTTP"),
                (3L, "94.44.127.113", "192.168.1.20", new DateTimeOffset(2011, 8, 10, 9, 47, 0, TimeSpan.Zero).AddTicks(10), "Background-TCP-Attempt"),
                (4L, "10.0.0.2", "10.0.0.1", new DateTimeOffset(2011, 8, 10, 9, 47, 1, TimeSpan.Zero).AddTicks(5_000_000), "To-Normal-V42-UDP-DNS"),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.Peer!.ToString(), r.SeenAt!.Value, r.Label!)));
    }

    [Fact]
    public void LocalOptionMakesAPublicSourceLocal()
    {
        var read = FeedRead.Text("binetflow", Header + Rows, new Dictionary<string, string> { ["local"] = "94.44.0.0/16" });

        // Row 1: the responder 94.44.127.113 is local now and the source 147.32.84.165 is not: the source is remote.
        // Row 2: 94.44.127.113 → 192.168.1.20, both local: the responder is returned (and is not public).
        Assert.Equal(["147.32.84.165", "192.168.1.20", "10.0.0.2"], read.Records.Select(r => r.Address!.ToString()));
    }

    [Fact]
    public void WithoutAHeaderTheCtu13LayoutIsAssumed()
    {
        var read = FeedRead.Text("binetflow", Rows);
        Assert.Equal(3, read.Records.Count);
        Assert.Equal("From-Botnet-V42-TCP-CC6-Plain-HTTP", read.Records[0].Label);
    }

    [Fact]
    public void ZoneLessTimesAreReadInTheTimezoneOption()
    {
        var read = FeedRead.Text("binetflow", Header + Rows, new Dictionary<string, string> { ["timezone"] = "Europe/Prague" });

        // 2011-08-10 is summer time in Prague: UTC+2.
        Assert.Equal(new DateTimeOffset(2011, 8, 10, 7, 46, 59, TimeSpan.Zero).AddTicks(6078250), read.Records[0].SeenAt);
    }

    [Fact]
    public void BadRowsAreDroppedWithTheirReason()
    {
        var text = Header +
            "2011/08/10 09:46:59,1.0,tcp,147.32.84.165,1577,   ->,94.44.127.113,6881,S_RA,0,0,4,276,156\n" +      // 14 fields
            "2011/08/10 09:46:59,1.0,tcp,147.32.84.165,1577,   ->,94.44.999.113,6881,S_RA,0,0,4,276,156,x\n" +    // bad address
            "2011/13/10 09:46:59,1.0,tcp,147.32.84.165,1577,   ->,94.44.127.113,6881,S_RA,0,0,4,276,156,x\n" +    // month 13
            Rows;
        var read = FeedRead.Text("binetflow", text);
        Assert.Equal(
            [(2L, DropReason.WrongColumnCount), (3L, DropReason.BadAddress), (4L, DropReason.BadTime)],
            read.Drops.Select(d => (d.Line, d.Reason)));
        Assert.Equal(3, read.Records.Count);
    }

    [Fact]
    public void EpochAndIsoStartTimesAreRead()
    {
        var text = Header +
            "1312969619.607825,1.0,tcp,10.0.0.1,1,->,8.8.8.8,53,CON,0,0,1,1,1,x\n" +
            "2011-08-10T09:46:59Z,1.0,tcp,10.0.0.1,1,->,8.8.8.8,53,CON,0,0,1,1,1,x\n";
        var read = FeedRead.Text("binetflow", text);
        Assert.Equal(
            [new DateTimeOffset(2011, 8, 10, 9, 46, 59, TimeSpan.Zero).AddTicks(6078250), new DateTimeOffset(2011, 8, 10, 9, 46, 59, TimeSpan.Zero)],
            read.Records.Select(r => r.SeenAt!.Value));
    }
}
