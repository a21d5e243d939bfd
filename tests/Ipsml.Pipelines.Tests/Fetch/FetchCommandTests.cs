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

    [Fact]
    public void Without_feeds_fetch_reads_the_repository_registry_from_any_working_directory()
    {
        // A snapshot with one file where the repository's registry expects csirtg-blacklist.
        var snapshot = Path.Combine(dir.Path, "snap");
        dir.Write(Path.Combine("snap", "csirtg-ipsml", "blacklist.txt"), "2018-05-01 03:00:00 UTC,23.1.2.3\n");

        var result = CliRunner.Run("fetch", "--snapshot", snapshot, "--experiment", fixture.Experiment, "-o", Output, "--run", "repo-feeds");

        Assert.True(result.ExitCode == 0, result.Error);
        var layout = new RunLayout(Output);
        var fetch = layout.Fetch(new RunStore(layout).Load("repo-feeds").Stages["fetch"].Key);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "data", "feeds.json")), File.ReadAllText(fetch.Registry));
        if (!File.Exists(Path.Combine(Directory.GetCurrentDirectory(), "data", "feeds.json")))
        {
            Assert.Contains($"using {Path.Combine(RepoPaths.Root, "data", "feeds.json")} from the repository", result.Error);
        }
    }

    [Fact]
    public void A_default_missing_here_is_taken_from_the_repository_ipsml_was_built_from()
    {
        var elsewhere = Path.Combine(dir.Path, "elsewhere");
        Directory.CreateDirectory(elsewhere);

        var file = DefaultFile.Resolve(null, "experiments/default.json", elsewhere);

        Assert.True(file.FromRepository);
        Assert.False(file.Given);
        Assert.Equal(Path.Combine(RepoPaths.Root, "experiments", "default.json"), file.Path);
    }

    [Fact]
    public void A_default_present_in_the_working_directory_wins_over_the_repository()
    {
        dir.Write(Path.Combine("here", "experiments", "default.json"), "{}");

        var file = DefaultFile.Resolve(null, "experiments/default.json", Path.Combine(dir.Path, "here"));

        Assert.False(file.FromRepository);
        Assert.Equal("experiments/default.json", file.Path);
    }

    [Fact]
    public void A_given_path_is_taken_as_given_even_when_missing()
    {
        var file = DefaultFile.Resolve("nowhere/x.json", "experiments/default.json", dir.Path);

        Assert.True(file.Given);
        Assert.False(file.FromRepository);
        Assert.Equal("nowhere/x.json", file.Path);
    }

    [Fact]
    public void A_given_experiment_that_does_not_exist_is_refused_by_name_with_exit_code_2()
    {
        var result = CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--experiment", Path.Combine(dir.Path, "nope.json"), "-o", Output);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--experiment: " + Path.Combine(dir.Path, "nope.json") + " does not exist", result.Error + result.Out);
    }

    [Fact]
    public void Fetch_refuses_a_bad_later_section_before_fetching_naming_the_original_file()
    {
        var experiment = dir.Write("typo.json", """
            { "name": "typo", "seed": 7,
              "train": { "candidates": [ { "name": "forest", "kind": "random-forest" } ] },
              "evaluate": { "metric": "prAUC" } }
            """);

        var result = CliRunner.Run("fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", experiment, "-o", Output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{experiment}: evaluate.metric: 'prAUC' is not one of", result.Error);
        Assert.False(Directory.Exists(Output), "nothing may be written before the experiment is checked");
    }
}
