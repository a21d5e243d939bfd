using System.Text.Json.Nodes;
using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Observations;

[Trait("Category", "SharedData")]
public sealed class ObservationsStageTests : IDisposable
{
    private readonly TestDirectory dir = new();
    private readonly PipelineFixture fixture;
    private readonly RunLayout layout;
    private readonly string fetchKey;

    public ObservationsStageTests()
    {
        fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        layout = new RunLayout(Path.Combine(dir.Path, "out"));
        fetchKey = new FetchStage(layout, new MemoryLog()).Run(new FetchRequest(fixture.Registry, fixture.Snapshot), false, CancellationToken.None).Outcome.Key;
    }

    public void Dispose() => dir.Dispose();

    private ObservationsResult Run(ObservationsOptions options) =>
        new ObservationsStage(layout, new MemoryLog()).Run(fetchKey, options, seed: 1, force: false, CancellationToken.None);

    private string Traffic(string text)
    {
        var path = Path.Combine(dir.Path, "traffic.txt");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Unlabelled_traffic_is_matched_against_the_feeds_but_never_becomes_a_row()
    {
        var path = Traffic("2020-01-01T03:00:00Z,81.2.69.142\n2020-01-01T04:00:00Z,203.0.113.9\n2020-01-01T05:00:00Z,9.9.9.9\n");
        var result = Run(new ObservationsOptions { Traffic = [new TrafficInput { Name = "office", Path = path, Format = "time-ip", Label = "unlabelled" }] });

        var office = result.Summary.Feeds.Single(f => f.Feed == "office");
        Assert.Equal(2, office.UniqueAddresses);             // 203.0.113.9 is documentation space: dropped
        Assert.Equal(1, office.SharedAddresses);             // 81.2.69.142 is listed by night-owls
        Assert.Equal(1, office.Overlaps["night-owls"]);
        Assert.Equal(1, office.Dropped["Documentation"]);
        Assert.DoesNotContain(",office,", File.ReadAllText(layout.Observations(result.Outcome.Key).Rows));
    }

    [Fact]
    public void Benign_traffic_becomes_benign_rows_and_conflicts_follow_the_rule()
    {
        var path = Traffic("2020-01-01T13:00:00Z,9.9.9.9\n2020-01-01T14:00:00Z,81.2.69.142\n");
        var result = Run(new ObservationsOptions { Traffic = [new TrafficInput { Name = "office", Path = path, Format = "time-ip", Label = "benign" }] });

        var rows = File.ReadAllLines(layout.Observations(result.Outcome.Key).Rows);
        Assert.Contains("9.9.9.9,2020-01-01T13:00:00Z,,benign,office,1", rows);
        Assert.DoesNotContain(rows, r => r.StartsWith("81.2.69.142,", StringComparison.Ordinal));   // listed malicious too: dropped
        Assert.Equal(1, result.Summary.Conflicts);
        Assert.Contains("81.2.69.142 (malicious: night-owls; benign: office)", result.Summary.ConflictExamples);
    }

    [Fact]
    public void Conflicts_are_counted_apart_from_dropped_lines_so_kept_plus_dropped_is_lines_read()
    {
        var path = Traffic("2020-01-01T13:00:00Z,9.9.9.9\n2020-01-01T14:00:00Z,81.2.69.142\nnot-an-address\n");
        var result = Run(new ObservationsOptions { Traffic = [new TrafficInput { Name = "office", Path = path, Format = "time-ip", Label = "benign" }] });

        var office = result.Summary.Feeds.Single(f => f.Feed == "office");
        var owls = result.Summary.Feeds.Single(f => f.Feed == "night-owls");
        Assert.Equal((3L, 2L, 1L), (office.Lines, office.Kept, office.DroppedTotal));       // 3 lines: 2 kept, 1 bad address
        Assert.Equal(1, office.Conflicts);                                                    // 81.2.69.142 at 14:00, removed after merging
        Assert.Equal(owls.Lines, owls.Kept + owls.DroppedTotal);
        // night-owls lists 81.2.69.142 at several hours: one merged observation per distinct hour is removed.
        var hours = File.ReadLines(Path.Combine(fixture.Snapshot, "mal", "times.txt")).Where(l => l.EndsWith(",81.2.69.142", StringComparison.Ordinal)).Select(l => l[..13]).Distinct().Count();
        Assert.True(hours > 1);
        Assert.Equal(hours, owls.Conflicts);
        Assert.DoesNotContain("Conflict", result.Summary.Dropped.Keys);
        Assert.DoesNotContain(File.ReadLines(layout.Observations(result.Outcome.Key).Drops), l => l.Contains("Conflict", StringComparison.Ordinal));
    }

    [Fact]
    public void Conflict_rule_malicious_keeps_the_malicious_side()
    {
        var path = Traffic("2020-01-01T14:00:00Z,81.2.69.142\n");
        var result = Run(new ObservationsOptions { Conflicts = "malicious", Traffic = [new TrafficInput { Name = "office", Path = path, Format = "time-ip", Label = "benign" }] });
        var rows = File.ReadAllLines(layout.Observations(result.Outcome.Key).Rows).Where(r => r.StartsWith("81.2.69.142,", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains(",malicious,night-owls,", r));
    }

    [Fact]
    public void Networks_are_sampled_within_the_policy_and_too_large_ones_dropped()
    {
        var result = Run(new ObservationsOptions { Networks = new NetworkPolicy { AddressesPerNetwork = 3, MinPrefixLengthV4 = 23 } });
        var nets = result.Summary.Feeds.Single(f => f.Feed == "bad-nets");
        Assert.Equal(3, nets.Networks);
        Assert.Equal(1, nets.Dropped["NetworkTooLarge"]);    // 46.10.0.0/22 is shorter than /23
        Assert.Equal(1, nets.Dropped["Reserved"]);           // 0.0.0.0/8
        Assert.Equal(3, nets.Kept);                          // three addresses drawn from 45.0.0.0/24
        var rows = File.ReadAllLines(layout.Observations(result.Outcome.Key).Rows).Where(r => r.Contains(",bad-nets,")).ToList();
        Assert.All(rows, r => Assert.StartsWith("45.0.0.", r));
    }

    [Fact]
    public void Unknown_feed_in_include_is_refused_by_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Run(new ObservationsOptions { Include = ["no-such-feed"] }));
        Assert.Contains("no-such-feed", e.Message);
    }

    [Fact]
    public void Reading_every_shared_feed_enabled_or_not_crashes_no_parser()
    {
        var registry = FeedRegistry.Load(Path.Combine(RepoPaths.Root, "data", "feeds.json"));
        var all = new RunLayout(Path.Combine(dir.Path, "all"));
        var names = registry.Feeds.Select(f => f.Name).ToList();
        var key = new FetchStage(all, new MemoryLog()).Run(new FetchRequest(Path.Combine(RepoPaths.Root, "data", "feeds.json"), RepoPaths.SharedData, names), false, CancellationToken.None).Outcome.Key;
        var result = new ObservationsStage(all, new MemoryLog()).Run(key, new ObservationsOptions { Include = names }, 1, false, CancellationToken.None);

        Assert.Equal(registry.Feeds.Count, result.Summary.Feeds.Count);
        Assert.All(result.Summary.Feeds.Where(f => f.Format != "toplist"), f => Assert.True(f.Lines > 0 || f.Feed.StartsWith("firehol-feodo", StringComparison.Ordinal) || f.Feed == "firehol-sslbl", f.Feed));
        Assert.True(result.Summary.BenignAddresses > 10_000);
    }
}
