using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class FeodoCsvReaderTests
{
    // feodo-tracker/ipblocklist_2021-12-20.csv: banner, header, two rows, trailer; CRLF, no final newline.
    private const string Feodo =
        "################################################################\r\n" +
        "# abuse.ch Feodo Tracker Botnet C2 IP Blocklist (CSV)          #\r\n" +
        "# Last updated: 2021-12-20 00:03:32 UTC                        #\r\n" +
        "#                                                              #\r\n" +
        "# Terms Of Use: https://feodotracker.abuse.ch/blocklist/       #\r\n" +
        "# For questions please contact feodotracker [at] abuse.ch      #\r\n" +
        "################################################################\r\n" +
        "#\r\n" +
        "\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\r\n" +
        "\"2021-01-17 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20\",\"Dridex\"\r\n" +
        "\"2021-12-20 00:03:32\",\"59.6.7.83\",\"61200\",\"online\",\"2021-12-20\",\"QakBot\"\r\n" +
        "# END 750 entries";

    [Fact]
    public void QuotedCrlfRowsGiveUtcFirstSeenAndTheBannerGivesTheHeaderDate()
    {
        var read = FeedRead.Text("feodo-csv", Feodo);
        Assert.Empty(read.Drops);
        Assert.Equal(
            [
                (10L, "51.178.161.32", new DateTimeOffset(2021, 1, 17, 7, 44, 46, TimeSpan.Zero)),
                (11L, "59.6.7.83", new DateTimeOffset(2021, 12, 20, 0, 3, 32, TimeSpan.Zero)),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
        Assert.Equal(new DateTimeOffset(2021, 12, 20, 0, 3, 32, TimeSpan.Zero), read.Context.HeaderDate);
        Assert.Equal(10, read.Context.SkippedLines);
    }

    [Fact]
    public void TheHeaderNamesTheColumns()
    {
        var read = FeedRead.Text("feodo-csv", "\"dst_ip\",\"first_seen_utc\"\n\"8.8.8.8\",\"2021-01-17 07:44:46\"\n");
        Assert.Equal(("8.8.8.8", new DateTimeOffset(2021, 1, 17, 7, 44, 46, TimeSpan.Zero)), (read.Records[0].Address!.ToString(), read.Records[0].SeenAt!.Value));
    }

    [Theory]
    [InlineData("\"2021-01-17 07:44:46\",\"51.178.161.32,\"4643\",\"online\",\"2021-12-20\",\"Dridex\"", DropReason.WrongColumnCount)]
    [InlineData("\"2021-01-17 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20", DropReason.Malformed)]
    [InlineData("\"2021-01-17 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20\"", DropReason.WrongColumnCount)]
    [InlineData("\"17/01/2021 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20\",\"Dridex\"", DropReason.BadTime)]
    [InlineData("\"2021-02-30 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20\",\"Dridex\"", DropReason.BadTime)]
    [InlineData("\"2021-01-17 07:44:46\",\"51.178.161\",\"4643\",\"online\",\"2021-12-20\",\"Dridex\"", DropReason.BadAddress)]
    public void BadRowsAfterTheHeaderAreDropped(string row, DropReason reason)
    {
        var text = "\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n" + row;
        var drop = Assert.Single(FeedRead.Text("feodo-csv", text).Drops);
        Assert.Equal((2L, reason), (drop.Line, drop.Reason));
    }
}
