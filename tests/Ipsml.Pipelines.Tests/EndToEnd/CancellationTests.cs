using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Tests.EndToEnd;

/// <summary>A stage command interrupted (its token cancelled, as Ctrl+C does): exit code 130, a message, no leftovers.</summary>
[Trait("Category", "SharedData")]
public sealed class CancellationTests : IDisposable
{
    private readonly TestDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void An_interrupted_stage_exits_130_says_cancelled_and_leaves_no_temporary_folder_or_record()
    {
        var fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", fixture.Experiment, "-o", output, "--run", "r").ExitCode);
        Assert.Equal(0, CliRunner.Run("observations", "-o", output).ExitCode);

        var result = CliRunner.RunCancelled("dataset", "-o", output, "--geo-dir", fixture.GeoDir);

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled.", result.Error);
        var layout = new RunLayout(output);
        var datasets = Path.Combine(layout.StagesDir, StageNames.Dataset);
        Assert.True(!Directory.Exists(datasets) || !Directory.EnumerateFileSystemEntries(datasets).Any());
        Assert.False(new RunStore(layout).Load("r").Stages.ContainsKey(StageNames.Dataset));
    }
}
