using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class DionaeaCsvReaderTests
{
    // Lines of dionaea-sample/dionaeaClean2.csv: header, a plain row, the row without a fraction, and two rows with
    // the unquoted free-text field holding commas and unbalanced braces.
    private const string Dionaea =
        "protocol, transport, type, dst_port, src_ip, src_port, timestamp\n" +
        "smbd, tcp, accept, 445, 62.74.213.178, 1176, 2022-05-07T15:08:48.091297,\n" +
        "smbd, tcp, accept, 445, 62.74.213.178, 3332, 2022-05-07T17:33:41,\n" +
        "mssqld, tcp, accept, 1433, 177.220.129.166, 61956, 2022-05-07T15:57:59.921187, credentials: {password: [], username: [sa],\n" +
        "ftpd, tcp, accept, 21, 198.235.24.159, 59863, 2022-05-07T17:53:56.086611, ftp: {commands: {command: [AUTH], arguments: [TLS],\n";

    [Fact]
    public void FieldsAreTakenFromTheLeftSoFreeTextRowsParse()
    {
        var read = FeedRead.Text("dionaea-csv", Dionaea);
        Assert.Empty(read.Drops);
        Assert.Equal(
            [
                (2L, "62.74.213.178", new DateTimeOffset(2022, 5, 7, 15, 8, 48, TimeSpan.Zero).AddTicks(912970)),
                (3L, "62.74.213.178", new DateTimeOffset(2022, 5, 7, 17, 33, 41, TimeSpan.Zero)),
                (4L, "177.220.129.166", new DateTimeOffset(2022, 5, 7, 15, 57, 59, TimeSpan.Zero).AddTicks(9211870)),
                (5L, "198.235.24.159", new DateTimeOffset(2022, 5, 7, 17, 53, 56, TimeSpan.Zero).AddTicks(866110)),
            ],
            read.Records.Select(r => (r.Line, r.Address!.ToString(), r.SeenAt!.Value)));
        Assert.Equal(1, read.Context.SkippedLines);
    }

    [Theory]
    [InlineData("smbd, tcp, accept, 445, 62.74.213.178, 1176", DropReason.WrongColumnCount)]
    [InlineData("smbd, tcp, accept, 445, 62.74.213, 1176, 2022-05-07T15:08:48.091297,", DropReason.BadAddress)]
    [InlineData("smbd, tcp, accept, 445, 62.74.213.178, 1176, 2022-05-07T15:08:48.,", DropReason.BadTime)]
    public void BadRowsAreDropped(string row, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("dionaea-csv", Dionaea + row).Drops).Reason);
    }
}
