using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Dataset;

/// <summary>A snapshot that gives only one label fails at the dataset stage, naming the feeds to check, not at train.</summary>
[Trait("Category", "SharedData")]
public sealed class DatasetLabelsTests : IDisposable
{
    private readonly TestDirectory dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_snapshot_without_benign_rows_fails_the_dataset_stage_naming_the_benign_feed_and_writes_nothing()
    {
        var fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        File.Delete(Path.Combine(fixture.Snapshot, "ben", "times.txt"));
        var output = Path.Combine(dir.Path, "out");
        var fetch = CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", fixture.Experiment, "-o", output);
        Assert.True(fetch.ExitCode == 0, fetch.Error);
        Assert.Equal(0, CliRunner.Run("observations", "-o", output).ExitCode);

        var dataset = CliRunner.Run("dataset", "-o", output, "--geo-dir", fixture.GeoDir);

        Assert.Equal(1, dataset.ExitCode);
        Assert.Contains("the group split has no benign rows in train and no benign rows in valid", dataset.Error);
        Assert.Contains("0 benign", dataset.Error);
        Assert.Contains("Check the benign feeds of this run", dataset.Error);
        Assert.Contains("day-people (0 observations; feed 'day-people': no snapshot file found", dataset.Error);
        var stages = Path.Combine(new RunLayout(output).StagesDir, StageNames.Dataset);
        Assert.True(!Directory.Exists(stages) || !Directory.EnumerateFileSystemEntries(stages).Any());
    }

    [Fact]
    public void An_experiment_that_excludes_every_malicious_feed_is_told_to_include_one()
    {
        var fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        var experiment = dir.Write("benign-only.json", """
            { "name": "benign-only", "seed": 7, "observations": { "exclude": [ "night-owls", "bad-nets" ] },
              "train": { "candidates": [ { "name": "forest", "kind": "random-forest" } ] } }
            """);
        var output = Path.Combine(dir.Path, "out");
        Assert.Equal(0, CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", experiment, "-o", output).ExitCode);
        Assert.Equal(0, CliRunner.Run("observations", "-o", output).ExitCode);

        var dataset = CliRunner.Run("dataset", "-o", output, "--geo-dir", fixture.GeoDir);

        Assert.Equal(1, dataset.ExitCode);
        Assert.Contains("no malicious rows in train and no malicious rows in valid", dataset.Error);
        Assert.Contains("No feed of this run gives malicious rows", dataset.Error);
    }
}
