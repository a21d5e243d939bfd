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
}
