using Ipsml.Cli.Hunting;
using Ipsml.Features.Inputs;

namespace Ipsml.Pipelines.Tests.Hunting;

public sealed class GeneratedConnLogTests
{
    private static List<FeedRecord> Read(BenchLogKind kind, int lines, int distinct)
    {
        var context = new FeedReadContext("generated", new Dictionary<string, string> { ["remote"] = "auto" });
        var items = FeedReaders.Get("zeek-conn").Read(new GeneratedConnLog(kind, lines, distinct, 7), context).ToList();
        Assert.All(items, i => Assert.Null(i.Drop));
        Assert.Equal(GeneratedConnLog.HeaderLines, context.SkippedLines);
        return [.. items.Select(i => i.Record!.Value)];
    }

    [Fact]
    public void The_unique_log_is_a_valid_zeek_log_with_a_different_public_remote_per_line_over_a_whole_day()
    {
        var records = Read(BenchLogKind.Unique, 4800, 1);
        Assert.Equal(4800, records.Count);
        Assert.Equal(4800, records.Select(r => r.Address).Distinct().Count());
        Assert.All(records, r => Assert.False(ConnectionSides.Default.IsLocal(r.Address!)));
        Assert.All(records, r => Assert.True(ConnectionSides.Default.IsLocal(r.Peer!)));
        Assert.Equal(Enumerable.Range(0, 24), records.Select(r => r.SeenAt!.Value.Hour).Distinct().Order());
    }

    [Fact]
    public void The_repeated_log_draws_from_its_pool_with_the_most_popular_address_first()
    {
        var records = Read(BenchLogKind.Repeated, 20000, 500);
        var counts = records.GroupBy(r => r.Address).Select(g => g.Count()).OrderDescending().ToList();
        Assert.True(counts.Count <= 500);
        // Zipf with exponent 1.1 over 500 ranks: the top address takes 1/H(500, 1.1) ≈ 18.6 % of draws.
        var harmonic = Enumerable.Range(1, 500).Sum(k => 1 / Math.Pow(k, GeneratedConnLog.ZipfExponent));
        Assert.InRange(counts[0] / 20000.0, (1 / harmonic) - 0.02, (1 / harmonic) + 0.02);
    }

    [Fact]
    public void Character_reads_and_line_reads_mixed_give_the_text_line_reads_give()
    {
        using var byLines = new GeneratedConnLog(BenchLogKind.Unique, 50, 1, 5);
        var expected = new System.Text.StringBuilder();
        while (byLines.ReadLine() is { } line)
        {
            expected.Append(line).Append('\n');
        }

        using var mixed = new GeneratedConnLog(BenchLogKind.Unique, 50, 1, 5);
        var actual = new System.Text.StringBuilder();
        for (var i = 0; ; i++)
        {
            if (i % 3 == 0)
            {
                // Three characters one by one, then the rest of that line.
                for (var k = 0; k < 3 && mixed.Peek() is not (-1 or '\n'); k++)
                {
                    actual.Append((char)mixed.Read());
                }
            }

            if (mixed.ReadLine() is not { } rest)
            {
                break;
            }

            actual.Append(rest).Append('\n');
        }

        Assert.Equal(expected.ToString(), actual.ToString());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Block_reads_give_the_text_line_reads_give(int block)
    {
        using var byLines = new GeneratedConnLog(BenchLogKind.Repeated, 300, 20, 5);
        var expected = new System.Text.StringBuilder();
        while (byLines.ReadLine() is { } line)
        {
            expected.Append(line).Append('\n');
        }

        using var byBlocks = new GeneratedConnLog(BenchLogKind.Repeated, 300, 20, 5);
        var actual = new System.Text.StringBuilder();
        var buffer = new char[block];
        int n;
        while ((n = byBlocks.Read(buffer.AsSpan())) > 0)
        {
            actual.Append(buffer, 0, n);
        }

        Assert.Equal(expected.ToString(), actual.ToString());
    }
}
