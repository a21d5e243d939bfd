using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class SpamhausDropJsonReaderTests
{
    // First and last lines of spamhaus-drop/drop_v4.json.
    private const string Drop =
        "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}\n" +
        "{\"cidr\":\"223.254.0.0/16\",\"sblid\":\"SBL212803\",\"rir\":\"apnic\"}\n" +
        "{\"type\":\"metadata\",\"timestamp\":1784798042,\"size\":101866,\"records\":1670,\"copyright\":\"(c) 2026 The Spamhaus Project SLU\",\"terms\":\"https://www.spamhaus.org/drop/terms/\"}\n";

    [Fact]
    public void CidrLinesAreNetworksAndTheMetadataLineIsSkippedWithItsTimestamp()
    {
        var read = FeedRead.Text("spamhaus-drop-json", Drop);
        Assert.Equal([(1L, "1.10.16.0/20"), (2L, "223.254.0.0/16")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Empty(read.Drops);
        Assert.Equal(1, read.Context.SkippedLines);
        Assert.Equal(new DateTimeOffset(2026, 7, 23, 9, 14, 2, TimeSpan.Zero), read.Context.HeaderDate);
    }

    [Theory]
    [InlineData("{\"cidr\":\"1.10.16.0/20\",\"sblid\":", DropReason.Malformed)]
    [InlineData("[\"1.10.16.0/20\"]", DropReason.Malformed)]
    [InlineData("{\"sblid\":\"SBL256894\"}", DropReason.Malformed)]
    [InlineData("{\"cidr\":17}", DropReason.BadNetwork)]
    [InlineData("{\"cidr\":\"1.10.16.1/20\"}", DropReason.BadNetwork)]
    [InlineData("; Spamhaus DROP List", DropReason.Malformed)]
    public void BadLinesAreDropped(string line, DropReason reason)
    {
        Assert.Equal(reason, Assert.Single(FeedRead.Text("spamhaus-drop-json", line).Drops).Reason);
    }
}
