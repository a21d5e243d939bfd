using System.Text;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Hunting;

/// <summary>ip[,hour] input of <c>ipsml score</c>: what is refused, and how the refusal reads.</summary>
[Collection(HuntCollection.Name)]
public sealed class ScoreLinesTests(HuntFixture hunt)
{
    private static readonly string[] NonPublic = ["10.0.0.1,5", "127.0.0.1,1", "0.0.0.0,1", "224.0.0.1,1", "fe80::1,1", "2001:db8::1,1", "::1,1", "::ffff:10.0.0.1,1"];

    private static readonly string[] Expected =
    [
        "argument line 1: Private: 10.0.0.1 is in 10.0.0.0/8, Private-Use (RFC 1918): not a remote internet address",
        "argument line 2: Loopback: 127.0.0.1 is in 127.0.0.0/8",
        "argument line 3: Unspecified: 0.0.0.0 is in 0.0.0.0/32",
        "argument line 4: Multicast: 224.0.0.1 is in 224.0.0.0/4",
        "argument line 5: LinkLocal: fe80::1 is in fe80::/10",
        "argument line 6: Documentation: 2001:db8::1 is in 2001:db8::/32",
        "argument line 7: Loopback: ::1 is in ::1/128",
        "argument line 8: Private: 10.0.0.1 is in 10.0.0.0/8",
    ];

    private CliRunner.Result Score(string? stdin, params string[] args) =>
        CliRunner.RunWithInput(stdin, ["score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, .. args]);

    [Fact]
    public void Non_public_addresses_are_bad_lines_naming_their_block_and_only_public_ones_are_scored()
    {
        var result = Score(null, [.. NonPublic, "8.8.8.8,1"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["8.8.8.8"], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[0]));
        Assert.All(Expected, e => Assert.Contains(e, result.Error));
        Assert.Contains("1 scored, 8 rejected", result.Error);
    }

    [Fact]
    public void Non_public_addresses_are_bad_lines_when_ranked_too()
    {
        var result = Score(null, ["--top", "5", "--output-format", "csv", .. NonPublic, "8.8.8.8,1"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["8.8.8.8"], CsvRows.Parse(result.Out).Column("remote"));
        Assert.All(Expected, e => Assert.Contains(e, result.Error));
        Assert.Contains("1 scored, 8 bad lines (Loopback 2, Private 2, Documentation 1, LinkLocal 1, Multicast 1, Unspecified 1)", result.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_line_over_the_limit_is_a_counted_bad_line_with_a_short_message_and_the_rest_is_scored(bool ranked)
    {
        var stdin = "8.8.8.8,3\n" + new string('1', 200_000) + "\n9.9.9.9,4\n";

        var result = Score(stdin, ranked ? ["--top", "5", "--output-format", "csv"] : ["--output-format", "csv"]);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("stdin line 2: LineTooLong: 200,000 characters, over the limit of 65,536: not read", result.Error);
        Assert.True(result.Error.Length < 500, $"stderr holds {result.Error.Length:N0} characters");
        var scored = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(2, scored.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_bad_line_is_quoted_clipped_to_80_characters(bool ranked)
    {
        var bad = new string('x', 5000);

        var result = Score(bad + "\n", ranked ? ["--top", "5"] : []);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"stdin line 1: BadAddress: '{new string('x', 80)}…' is not an IP address", result.Error);
        Assert.True(result.Error.Length < 400, $"stderr holds {result.Error.Length:N0} characters");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_byte_order_mark_at_the_start_of_stdin_is_not_part_of_the_first_address(bool ranked)
    {
        var plain = Score("8.8.8.8,5\n1.1.1.1,6\n", ranked ? ["--top", "5", "--output-format", "csv"] : ["--output-format", "csv"]);
        var marked = Score("\uFEFF8.8.8.8,5\n1.1.1.1,6\n", ranked ? ["--top", "5", "--output-format", "csv"] : ["--output-format", "csv"]);

        Assert.True(marked.ExitCode == 0, marked.Error);
        Assert.Equal(plain.Out, marked.Out);
    }

    [Fact]
    public void A_log_line_over_the_limit_is_a_counted_bad_line_and_the_rest_of_the_log_is_scored()
    {
        const string fields = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n";
        const string row = "1677024003.0\tC\t192.168.1.7\t1\t81.2.69.142\t2\ttcp\t-\t0.1\t1\t1\tSF\tT\tF\t0\tS\t1\t1\t1\t1\t-\n";
        var log = new StringBuilder(fields).Append(row).Append(new string('\t', 70_000)).Append('\n').Append(row).ToString();

        var fromFile = hunt.Run("score", "--format", "zeek", "--output-format", "csv", hunt.Write("long.log", log));
        var fromStdin = Score("\uFEFF" + log, "--format", "zeek", "--output-format", "csv");

        foreach (var result in new[] { fromFile, fromStdin })
        {
            Assert.Equal(3, result.ExitCode);
            Assert.Contains("line 3: LineTooLong: 70,000 characters, over the limit of 65,536: not read", result.Error);
            Assert.Equal(["2", "4"], CsvRows.Parse(result.Out).Column("line").Order());
        }
    }
}
