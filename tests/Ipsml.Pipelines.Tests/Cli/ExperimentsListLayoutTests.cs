using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Cli;

/// <summary>How <c>experiments list</c> lays out its table on a terminal narrower than the table.</summary>
public sealed class ExperimentsListLayoutTests
{
    [Fact]
    public void Run_ids_are_never_wrapped_on_a_130_column_terminal()
    {
        using var dir = new TestDirectory();
        var fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        var output = Path.Combine(dir.Path, "out");
        string[] ids = ["20261203-181619-default", "20261203-181620-a-much-longer-experiment-name"];
        foreach (var id in ids)
        {
            var fetch = CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", fixture.Experiment, "-o", output, "--run", id);
            Assert.True(fetch.ExitCode == 0, fetch.Error);
        }

        var result = CliRunner.RunWithWidth(130, "experiments", "list", "-o", output);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 130, $"{l.Length} columns: {l}"));
        Assert.All(ids, id => Assert.Contains(lines, l => l.StartsWith($"| {id} ", StringComparison.Ordinal)));
    }
}
