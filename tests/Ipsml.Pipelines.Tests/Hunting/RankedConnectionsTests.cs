using System.Net;
using Ipsml.Cli.Hunting;

namespace Ipsml.Pipelines.Tests.Hunting;

public sealed class RankedConnectionsTests
{
    /// <summary>Batches of seeded scores with many ties (probabilities from a handful of values), labels and peers on some rows.</summary>
    private static List<ConnectionBatch> Batches(int count, int size, int seed)
    {
        var random = new Random(seed);
        var batches = new List<ConnectionBatch>();
        var line = 0L;
        for (var b = 0; b < count; b++)
        {
            var batch = new ConnectionBatch(size);
            batch.Reset(b % 2);
            for (var i = 0; i < size; i++)
            {
                line++;
                var remote = new IPAddress(random.Next(2) == 0 ? [(byte)random.Next(1, 223), 1, 2, (byte)i] : [0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)b, (byte)i]);
                batch.Add(remote, random.Next(24), line, 638_000_000_000_000_000 + line, i % 3 == 0 ? IPAddress.Parse("10.0.0.1") : null, i % 4 == 0 ? "Malicious" : null);
                batch.Probabilities[i] = random.Next(6) / 5f;
            }

            batches.Add(batch);
        }

        return batches;
    }

    [Fact]
    public void Spilled_runs_merge_into_exactly_the_in_memory_order()
    {
        var batches = Batches(9, 50, 1);
        using var memory = new RankedConnections(null, null);
        using var spilled = new RankedConnections(null, null, memoryRows: 7);
        foreach (var b in batches)
        {
            memory.Add(b);
            spilled.Add(b);
        }

        var expected = memory.Descending().ToList();
        var actual = spilled.Descending().ToList();
        Assert.True(spilled.SpilledRuns > 10);
        Assert.Equal(450, expected.Count);
        Assert.Equal(expected.Select(Describe), actual.Select(Describe));
    }

    [Fact]
    public void Ties_keep_input_order_and_top_keeps_the_best_n()
    {
        var batches = Batches(4, 30, 2);
        using var all = new RankedConnections(null, null);
        using var top = new RankedConnections(13, null);
        foreach (var b in batches)
        {
            all.Add(b);
            top.Add(b);
        }

        var ranked = all.Descending().ToList();
        Assert.True(ranked.Zip(ranked.Skip(1)).All(p => p.First.Probability > p.Second.Probability || (p.First.Probability == p.Second.Probability && p.First.Order < p.Second.Order)));
        Assert.Equal(ranked.Take(13).Select(Describe), top.Descending().Select(Describe));
    }

    [Fact]
    public void Rows_under_the_threshold_are_not_kept()
    {
        var batches = Batches(3, 40, 3);
        using var over = new RankedConnections(null, 0.6);
        foreach (var b in batches)
        {
            over.Add(b);
        }

        var expected = batches.Sum(b => b.Probabilities.Take(b.Count).Count(p => p >= 0.6f));
        Assert.Equal(expected, over.Descending().Count());
        Assert.Equal(expected, over.Passed);
    }

    private static string Describe(ScoredRow r) => $"{r.Order}|{r.Source}|{r.Line}|{r.Ticks}|{r.Remote}|{r.Peer}|{r.Hour}|{r.Probability}|{r.Label}";
}
