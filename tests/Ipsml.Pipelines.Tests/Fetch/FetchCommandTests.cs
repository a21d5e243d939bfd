using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary><c>ipsml fetch</c> as the command that starts a run: when a run exists, and which files it reads.</summary>
[Trait("Category", "SharedData")]
public sealed class FetchCommandTests : IDisposable
{
    private readonly TestDirectory dir = new();
    private readonly PipelineFixture fixture;

    public FetchCommandTests() => fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));

    public void Dispose() => dir.Dispose();

    private string Output => Path.Combine(dir.Path, "out");

    private CliRunner.Result Fetch(string registry, params string[] more) =>
        CliRunner.Run(["fetch", "--snapshot", fixture.Snapshot, "--feeds", registry, "--experiment", fixture.Experiment, "-o", Output, .. more]);

    /// <summary>A registry whose only feed names a snapshot file that is not there: fetch reads nothing and fails.</summary>
    private string UnreadableRegistry() => dir.Write("bad-feeds.json", """
        { "feeds": [ { "name": "night-owls", "label": "malicious", "format": "time-ip", "urls": [], "snapshot": ["mal/missing.txt"], "licence": "test", "time": "row" } ] }
        """);

    [Fact]
    public void A_failed_fetch_creates_no_run_and_leaves_LATEST_on_the_previous_run()
    {
        var layout = new RunLayout(Output);
        Assert.Equal(0, Fetch(fixture.Registry, "--run", "good").ExitCode);

        var failed = Fetch(UnreadableRegistry());

        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("could be read", failed.Error);
        Assert.Equal(["good"], Directory.EnumerateDirectories(layout.RunsDir).Select(Path.GetFileName));
        Assert.Equal("good", File.ReadAllText(layout.LatestRunPointer).Trim());
        var observations = CliRunner.Run("observations", "-o", Output);
        Assert.True(observations.ExitCode == 0, observations.Error);
    }

    [Fact]
    public void A_failed_first_fetch_leaves_no_runs_folder()
    {
        var failed = Fetch(UnreadableRegistry(), "--run", "never");

        Assert.Equal(1, failed.ExitCode);
        Assert.False(Directory.Exists(new RunLayout(Output).RunsDir));
    }
}
