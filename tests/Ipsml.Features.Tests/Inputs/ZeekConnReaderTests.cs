using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class ZeekConnReaderTests
{
    private const string Fields = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\tlabel\tdetailedlabel\n";

    private const string Types = "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]\tstring\tstring\n";

    // The header of stratosphere-labeled/ctu-botnet-230-1_njrat_labeled-conn.log (ts relative to #open).
    private const string NjratHeader =
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2017-03-08-13-47-04\n" + Fields + Types;

    // A C&C row and a benign row of the same file.
    private const string NjratRows =
        "273.503417\tCx8yQ24GZlNRG5vl94\t192.168.1.115\t49158\t85.31.204.81\t443\ttcp\tssl\t3.354241\t632\t5516\tSF\tT\tF\t0\tShADdFaf\t9\t1004\t9\t5888\t(empty)\tMalicious\tCC\n" +
        "302.794660\tC1T2cl2grb8Cc15psc\t192.168.1.115\t60027\t8.8.8.8\t53\tudp\tdns\t0.001346\t38\t233\tSF\tT\tF\t0\tDd\t1\t66\t1\t261\t(empty)\tBenign\tGoogle\n";

    // The header and two rows of stratosphere-labeled/ctu-sme-11-win_conn.log.labeled (epoch ts).
    private const string Sme11 =
        "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tconn\n#open\t2024-08-16-09-45-01\n" + Fields + Types +
        "1677024003.714845\tC6SgKom3WB2KEL2ae\t192.168.1.107\t65164\t66.63.168.35\t5888\ttcp\t-\t0.037629\t0\t0\tREJ\tT\tF\t0\tSr\t2\t104\t2\t80\t-\tMalicious\tFrom_malicious-To_malicious-Malware_data_exfiltration-RemcosRAT\n" +
        "1677024016.666957\tCisS5z4l9PYGBr3h3f\t192.168.1.135\t42892\t192.168.1.107\t58211\tudp\t-\t0.000215\t1040\t0\tS0\tT\tT\t0\tD\t2\t1096\t0\t0\t-\tBenign\tFrom_benign-To_benign-Device_chromecast_tv_assistant\n";

    [Fact]
    public void EpochTsAndLabelsAreReadWithTheResponderAsRemote()
    {
        var read = FeedRead.Text("zeek-conn", Sme11);
        Assert.Empty(read.Drops);
        Assert.Equal(8, read.Context.SkippedLines);
        Assert.Equal(
            [
                (9L, "66.63.168.35", new DateTimeOffset(2023, 2, 22, 0, 0, 3, TimeSpan.Zero).AddTicks(7148450), "Malicious"),
                (10L, "192.168.1.107", new DateTimeOffset(2023, 2, 22, 0, 0, 16, TimeSpan.Zero).AddTicks(6669570), "Benign"),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value, r.Label!)));
        Assert.Equal(new DateTimeOffset(2024, 8, 16, 9, 45, 1, TimeSpan.Zero), read.Context.HeaderDate);
    }

    [Fact]
    public void RelativeTsIsAddedToTheOpenTime()
    {
        var read = FeedRead.Text("zeek-conn", NjratHeader + NjratRows);
        var open = new DateTimeOffset(2017, 3, 8, 13, 47, 4, TimeSpan.Zero);
        Assert.Equal([open.AddTicks(2735034170), open.AddTicks(3027946600)], read.Records.Select(r => r.SeenAt!.Value));
        Assert.Equal(["85.31.204.81", "8.8.8.8"], read.Records.Select(r => r.Address!.ToString()));
        Assert.Equal(["Malicious", "Benign"], read.Records.Select(r => r.Label!));
    }

    [Fact]
    public void RelativeTsWithoutAnOpenLineGivesNoTime()
    {
        var read = FeedRead.Text("zeek-conn", Fields + NjratRows);
        Assert.Equal(2, read.Records.Count);
        Assert.All(read.Records, r => Assert.Null(r.SeenAt));
    }

    [Fact]
    public void RemoteOptionChoosesTheSide()
    {
        string Remote(string side, string text) =>
            string.Join(" ", FeedRead.Text("zeek-conn", text, new Dictionary<string, string> { ["remote"] = side }).Records.Select(r => r.Address!.ToString()));

        Assert.Equal("192.168.1.107 192.168.1.135", Remote("orig", Sme11));
        // auto: private→public gives the responder; private→private falls back to the responder too.
        Assert.Equal("66.63.168.35 192.168.1.107", Remote("auto", Sme11));
        // auto: public→private (inbound) gives the originator.
        var inbound = Fields + "1677024003.714845\tC\t66.63.168.35\t5888\t192.168.1.107\t65164\ttcp\t-\t-\t-\t-\tREJ\tT\tF\t0\tSr\t2\t104\t2\t80\t-\tMalicious\t-\n";
        Assert.Equal("66.63.168.35", Remote("auto", inbound));
        Assert.Equal("192.168.1.107", Remote("resp", inbound));
    }

    [Fact]
    public void LabelsOptionNamesTheLabelColumnAndUnsetValuesGiveNoLabel()
    {
        var read = FeedRead.Text("zeek-conn", Sme11, new Dictionary<string, string> { ["labels"] = "detailedlabel" });
        Assert.Equal("From_malicious-To_malicious-Malware_data_exfiltration-RemcosRAT", read.Records[0].Label);
        var unset = FeedRead.Text("zeek-conn", Sme11, new Dictionary<string, string> { ["labels"] = "tunnel_parents" });
        Assert.All(unset.Records, r => Assert.Null(r.Label));
        var absent = FeedRead.Text("zeek-conn", Sme11, new Dictionary<string, string> { ["labels"] = "no_such_column" });
        Assert.All(absent.Records, r => Assert.Null(r.Label));
    }

    [Fact]
    public void BadOptionValuesFailBeforeReading()
    {
        Assert.Throws<ArgumentException>(() => FeedRead.Text("zeek-conn", Sme11, new Dictionary<string, string> { ["remote"] = "sideways" }));
    }

    [Theory]
    [InlineData("1677024003.714845\tC\t192.168.1.107\t65164\t66.63.168.35\t5888\ttcp", DropReason.WrongColumnCount)]
    [InlineData("-\tC\t192.168.1.107\t65164\t66.63.168.35\t5888\ttcp\t-\t-\t-\t-\tREJ\tT\tF\t0\tSr\t2\t104\t2\t80\t-\tMalicious\t-", DropReason.BadTime)]
    [InlineData("yesterday\tC\t192.168.1.107\t65164\t66.63.168.35\t5888\ttcp\t-\t-\t-\t-\tREJ\tT\tF\t0\tSr\t2\t104\t2\t80\t-\tMalicious\t-", DropReason.BadTime)]
    [InlineData("1677024003.714845\tC\t192.168.1.107\t65164\t-\t5888\ttcp\t-\t-\t-\t-\tREJ\tT\tF\t0\tSr\t2\t104\t2\t80\t-\tMalicious\t-", DropReason.BadAddress)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        var drop = Assert.Single(FeedRead.Text("zeek-conn", Sme11 + row).Drops);
        Assert.Equal((11L, reason), (drop.Line, drop.Reason));
    }
}
