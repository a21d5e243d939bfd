using System.Text.Json.Nodes;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Tests.Runs;

public sealed class StageRunnerTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("ipsml-stage-").FullName;

    public void Dispose() => Directory.Delete(root, true);

    private static JsonObject Inputs(int n) => new() { ["n"] = n };

    [Fact]
    public void Same_inputs_reuse_the_stage_folder_without_running_the_body()
    {
        var runner = new StageRunner(new RunLayout(root));
        var runs = 0;
        var first = runner.Run("s", Inputs(1), force: false, dir => { runs++; File.WriteAllText(Path.Combine(dir, "out.txt"), "a"); });
        var second = runner.Run("s", Inputs(1), force: false, dir => { runs++; });

        Assert.Equal(1, runs);
        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Equal(first.Dir, second.Dir);
        Assert.Equal("a", File.ReadAllText(Path.Combine(second.Dir, "out.txt")));
    }

    [Fact]
    public void Other_inputs_give_another_key()
    {
        Assert.NotEqual(StageRunner.Key("s", Inputs(1)), StageRunner.Key("s", Inputs(2)));
        Assert.NotEqual(StageRunner.Key("s", Inputs(1)), StageRunner.Key("t", Inputs(1)));
        Assert.Equal(StageRunner.Key("s", Inputs(1)), StageRunner.Key("s", Inputs(1)));
    }

    [Fact]
    public void Force_runs_again_and_replaces_the_folder_whole()
    {
        var runner = new StageRunner(new RunLayout(root));
        runner.Run("s", Inputs(1), false, dir => File.WriteAllText(Path.Combine(dir, "old.txt"), "old"));
        var again = runner.Run("s", Inputs(1), true, dir => File.WriteAllText(Path.Combine(dir, "new.txt"), "new"));

        Assert.False(again.Reused);
        Assert.False(File.Exists(Path.Combine(again.Dir, "old.txt")));
        Assert.True(File.Exists(Path.Combine(again.Dir, "new.txt")));
    }

    [Fact]
    public void A_failing_stage_leaves_no_output_and_keeps_the_previous_good_one()
    {
        var runner = new StageRunner(new RunLayout(root));
        var good = runner.Run("s", Inputs(1), false, dir => File.WriteAllText(Path.Combine(dir, "out.txt"), "good"));

        Assert.Throws<InvalidDataException>(() => runner.Run("s", Inputs(1), true, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "out.txt"), "half");
            throw new InvalidDataException("boom");
        }));
        Assert.Throws<InvalidDataException>(() => runner.Run("s", Inputs(2), false, dir => throw new InvalidDataException("boom")));

        Assert.Equal("good", File.ReadAllText(Path.Combine(good.Dir, "out.txt")));
        Assert.False(Directory.Exists(new RunLayout(root).StageDir("s", StageRunner.Key("s", Inputs(2)))));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(root, "stages", "s")));
    }

    [Fact]
    public void Stage_record_lists_output_hashes()
    {
        var outcome = new StageRunner(new RunLayout(root)).Run("s", Inputs(1), false, dir => File.WriteAllText(Path.Combine(dir, "out.txt"), "abc"));
        var record = JsonNode.Parse(File.ReadAllText(Path.Combine(outcome.Dir, "stage.json")))!;
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", record["outputs"]!["out.txt"]!.GetValue<string>());
        Assert.Equal(outcome.Key, record["key"]!.GetValue<string>());
    }

    [Fact]
    public void A_cancelled_stage_deletes_its_temporary_folder_and_leaves_no_output()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var runner = new StageRunner(new RunLayout(root));

        Assert.Throws<OperationCanceledException>(() => runner.Run("s", Inputs(1), false, dir =>
        {
            File.WriteAllText(Path.Combine(dir, "half.txt"), "half");
            cancelled.Token.ThrowIfCancellationRequested();
        }));

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(root, "stages", "s")));
    }

    [Fact]
    public void Leftover_temporary_folders_of_the_stage_older_than_a_day_are_removed_and_younger_ones_kept()
    {
        var now = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
        var stageDir = Path.Combine(root, "stages", "s");
        string Leftover(string name, TimeSpan age)
        {
            var path = Path.Combine(stageDir, name);
            Directory.CreateDirectory(path);
            File.WriteAllText(Path.Combine(path, "part.csv"), "x");
            Directory.SetLastWriteTimeUtc(path, (now - age).UtcDateTime);
            return path;
        }

        var killed = Leftover(".tmp-abc-1111", TimeSpan.FromHours(25));
        var swapped = Leftover("abc.old-2222", TimeSpan.FromDays(3));
        var live = Leftover(".tmp-abc-3333", TimeSpan.FromHours(23));
        var otherStage = Path.Combine(root, "stages", "t", ".tmp-abc-4444");
        Directory.CreateDirectory(otherStage);
        Directory.SetLastWriteTimeUtc(otherStage, (now - TimeSpan.FromDays(9)).UtcDateTime);

        var outcome = new StageRunner(new RunLayout(root), new FixedClock(now)).Run("s", Inputs(1), false, dir => File.WriteAllText(Path.Combine(dir, "out.txt"), "a"));

        Assert.False(Directory.Exists(killed));
        Assert.False(Directory.Exists(swapped));
        Assert.True(Directory.Exists(live));
        Assert.True(Directory.Exists(otherStage));
        Assert.True(File.Exists(Path.Combine(outcome.Dir, "out.txt")));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
