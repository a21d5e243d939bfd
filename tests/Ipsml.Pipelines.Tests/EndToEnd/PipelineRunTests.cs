using System.Text.Json;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Tests.EndToEnd;

/// <summary>The whole pipeline through the CLI, on the hand-made fixture, as a developer or CI runs it.</summary>
[Trait("Category", "SharedData")]
public sealed class PipelineRunTests : IClassFixture<PipelineRunTests.TwoRuns>
{
    private readonly TwoRuns runs;

    public PipelineRunTests(TwoRuns runs) => this.runs = runs;

    /// <summary>Runs every stage twice, into two output folders, once per test class.</summary>
    public sealed class TwoRuns : IDisposable
    {
        private readonly TestDirectory dir = new();

        public TwoRuns()
        {
            Fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
            First = Path.Combine(dir.Path, "out1");
            Second = Path.Combine(dir.Path, "out2");
            FirstResults = RunAll(First);
            SecondResults = RunAll(Second);
        }

        public PipelineFixture Fixture { get; }

        public string First { get; }

        public string Second { get; }

        public IReadOnlyList<CliRunner.Result> FirstResults { get; }

        public IReadOnlyList<CliRunner.Result> SecondResults { get; }

        private List<CliRunner.Result> RunAll(string output) =>
        [
            CliRunner.Run("fetch", "--snapshot", Fixture.Snapshot, "--feeds", Fixture.Registry, "--experiment", Fixture.Experiment, "-o", output, "--run", "r1"),
            CliRunner.Run("observations", "-o", output),
            CliRunner.Run("dataset", "-o", output, "--geo-dir", Fixture.GeoDir),
            CliRunner.Run("train", "-o", output),
            CliRunner.Run("evaluate", "-o", output),
            CliRunner.Run("gate", "-o", output),
            CliRunner.Run("report", "-o", output),
            CliRunner.Run("publish", "-o", output),
        ];

        public void Dispose() => dir.Dispose();
    }

    private static RunRecord Run(string output) => new RunStore(new RunLayout(output)).Load("r1");

    [Fact]
    public void Every_stage_succeeds_and_the_run_records_each_one()
    {
        Assert.All(runs.FirstResults, r => Assert.True(r.ExitCode == 0, r.Error + r.Out));
        var run = Run(runs.First);
        Assert.Equal(["fetch", "observations", "dataset", "train", "evaluate"], run.Stages.Keys);
        Assert.Equal("1.0.1", run.Published!.Version);
        Assert.True(File.Exists(Path.Combine(run.Published.Dir, "SHA256SUMS")));
    }

    [Fact]
    public void Bad_lines_are_dropped_with_file_line_and_reason()
    {
        var layout = new RunLayout(runs.First);
        var drops = File.ReadAllLines(layout.Observations(Run(runs.First).Stages["observations"].Key).Drops);
        Assert.Contains($"night-owls,mal/times.txt,{PipelineFixture.MaliciousRows + 1},Private,10.1.2.3", drops);
        Assert.Contains(drops, d => d.StartsWith($"night-owls,mal/times.txt,{PipelineFixture.MaliciousRows + 2},BadAddress,", StringComparison.Ordinal));
        Assert.Contains(drops, d => d.StartsWith("bad-nets,mal/nets.netset,4,Reserved,0.0.0.0/8", StringComparison.Ordinal));
    }

    [Fact]
    public void No_network_group_is_in_two_splits()
    {
        var dataset = new RunLayout(runs.First).Dataset(Run(runs.First).Stages["dataset"].Key);
        var groups = DatasetStage.SplitNames
            .SelectMany(s => DatasetRow.ReadAll(dataset.Split(s)).Select(r => (Split: s, r.Group)))
            .ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups.GroupBy(g => g.Group), g => Assert.Single(g.Select(x => x.Split).Distinct()));
        Assert.All(groups, g => Assert.EndsWith("/24", g.Group));
    }

    [Fact]
    public void Same_snapshot_and_seed_give_the_same_dataset_and_metrics()
    {
        var a = Run(runs.First);
        var b = Run(runs.Second);
        Assert.Equal(a.Stages["dataset"].Key, b.Stages["dataset"].Key);
        var da = new RunLayout(runs.First).Dataset(a.Stages["dataset"].Key);
        var db = new RunLayout(runs.Second).Dataset(b.Stages["dataset"].Key);
        foreach (var split in DatasetStage.SplitNames)
        {
            Assert.Equal(File.ReadAllBytes(da.Split(split)), File.ReadAllBytes(db.Split(split)));
        }

        var ma = Metrics(runs.First, a);
        var mb = Metrics(runs.Second, b);
        Assert.Equal(["forest", "search", "net"], ma.Candidates.Select(c => c.Candidate));
        Assert.Equal(JsonSerializer.Serialize(ma.Candidates.Select(c => c.Quality)), JsonSerializer.Serialize(mb.Candidates.Select(c => c.Quality)));
        Assert.Equal(JsonSerializer.Serialize(ma.Temporal.Select(c => c.Quality)), JsonSerializer.Serialize(mb.Temporal.Select(c => c.Quality)));
    }

    [Fact]
    public void Report_shows_rows_read_kept_and_dropped_per_source_and_the_aucs()
    {
        var report = File.ReadAllText(Run(runs.First).Report!);
        Assert.True(report.Contains("| night-owls | malicious | time-ip | 1 | 402 | 400 | 2 | 0 |"), report);
        Assert.True(report.Contains("| bad-nets | malicious | netset | 1 | 3 | 8 | 1 | 0 |"), report);
        Assert.Contains("PR-AUC", report);
        Assert.Contains("ROC-AUC", report);
        Assert.Contains("no-skill", report);
    }

    [Fact]
    public void Report_names_each_geo_database_by_its_file_and_the_manifest_records_them_in_camel_case()
    {
        var report = File.ReadAllText(Run(runs.First).Report!);
        Assert.Matches(@"city \S+ `GeoIP2-City\.mmdb` built", report);
        Assert.Matches(@"asn \S+ `GeoLite2-ASN\.mmdb` built", report);

        var published = Run(runs.First).Published!;
        var geo = JsonDocument.Parse(File.ReadAllText(Path.Combine(published.Dir, "manifest.json"))).RootElement.GetProperty("geo")[0];
        Assert.Equal(["role", "databaseType", "source", "fileName", "buildDate", "sha256", "licence"], geo.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void The_model_learns_the_fixture_rule()
    {
        var m = Metrics(runs.First, Run(runs.First));
        var q = m.Get(m.Winner).Quality;
        Assert.True(q.RocAuc > 0.9, $"ROC-AUC {q.RocAuc}");
        Assert.True(q.PrAuc > q.PrAucBaseline, $"PR-AUC {q.PrAuc} vs baseline {q.PrAucBaseline}");
    }

    [Fact]
    public void Score_answers_every_good_line_and_reports_bad_ones_by_line()
    {
        var model = Run(runs.First).Published!.Dir;
        var result = CliRunner.RunWithInput("1.2.3.4,3\nnonsense\n150.1.2.3,12\n1.2.3.4,24\n", "score", "-o", runs.First, "--model", model, "--geo-dir", runs.Fixture.GeoDir, "--output-format", "csv");

        Assert.Equal(3, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("ip,hour,probability,label,model,version", lines[0]);
        Assert.Equal(["1.2.3.4", "150.1.2.3"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",fixture-model,1.0.1", l));
        Assert.Contains("stdin line 2", result.Error);
        Assert.Contains("stdin line 4", result.Error);
        Assert.Contains("2 scored, 2 rejected", result.Error);
    }

    [Fact]
    public void Score_uses_the_latest_published_model_by_default_and_exits_zero_when_all_lines_are_good()
    {
        var result = CliRunner.Run("score", "-o", runs.First, "--name", "fixture-model", "--geo-dir", runs.Fixture.GeoDir, "1.2.3.4,2", "150.1.2.3,12");
        Assert.Equal(0, result.ExitCode);
        var night = double.Parse(result.Out.Split('\n')[0].Split("p=")[1][..6], System.Globalization.CultureInfo.InvariantCulture);
        var day = double.Parse(result.Out.Split('\n')[1].Split("p=")[1][..6], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(night > day, result.Out);
    }

    [Fact]
    public void A_tampered_published_model_is_refused()
    {
        var copy = Path.Combine(runs.Second, "tampered");
        var published = Run(runs.Second).Published!.Dir;
        Directory.CreateDirectory(copy);
        foreach (var f in Directory.EnumerateFiles(published, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(copy, Path.GetRelativePath(published, f));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(f, to);
        }

        File.AppendAllText(Path.Combine(copy, "vocab.json"), " ");
        var result = CliRunner.Run("score", "-o", runs.Second, "--model", copy, "--geo-dir", runs.Fixture.GeoDir, "1.2.3.4");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("vocab.json", result.Error);
        Assert.Contains("does not match", result.Error);
    }

    [Fact]
    public void Publishing_the_same_run_again_does_not_make_a_new_version()
    {
        var again = CliRunner.Run("publish", "-o", runs.Second);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("already published", again.Out);
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(runs.Second, "models", "fixture-model")));
    }

    private static EvaluationReport Metrics(string output, RunRecord run) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(new RunLayout(output).Evaluate(run.Stages["evaluate"].Key).Metrics))!;
}
