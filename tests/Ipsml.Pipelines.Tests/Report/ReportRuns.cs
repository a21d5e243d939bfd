using System.Text.Json;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Report;

/// <summary>
/// Two real runs through the CLI into one output folder, for the report and experiments tests:
/// <c>r1</c> (the end-to-end fixture, one forest) is reported and published as fixture-model 1.0.1;
/// <c>r2</c> reads the same snapshot with <see cref="ExtraBenignLines"/> more benign lines and trains a forest, an
/// AutoML search and an MLP. r2 is reported once without a gate decision, then again with a hand-written
/// gate.json naming 1.0.1 as the champion.
/// </summary>
public sealed class ReportRuns : IDisposable
{
    public const int ExtraBenignLines = 50;

    private readonly TestDirectory dir = new();

    public ReportRuns()
    {
        Fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        Output = Path.Combine(dir.Path, "out");
        Layout = new RunLayout(Output);

        RunStages("r1", Fixture.Experiment, Fixture.Snapshot);
        Cli("report", "-o", Output, "--run", "r1");
        Cli("gate", "-o", Output, "--run", "r1");
        Cli("publish", "-o", Output, "--run", "r1");

        var snapshot = Path.Combine(dir.Path, "snapshot2");
        foreach (var file in Directory.EnumerateFiles(Fixture.Snapshot, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(snapshot, Path.GetRelativePath(Fixture.Snapshot, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        File.AppendAllLines(Path.Combine(snapshot, "ben", "times.txt"), Enumerable.Range(0, ExtraBenignLines).Select(i => $"2018-05-0{1 + (i % 9)} {10 + (i % 8):00}:15:00 UTC,{131 + (i % 29)}.{i * 5 % 256}.{i * 11 % 256}.{1 + i}"));
        var experiment = Path.Combine(dir.Path, "experiment2.json");
        File.WriteAllText(experiment, """
            {
              "name": "fixture-more",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [
                { "name": "forest", "kind": "random-forest", "parameters": { "trees": 20, "leaves": 8 } },
                { "name": "automl", "kind": "automl", "parameters": { "maxTrials": 4, "maxSeconds": 60, "minRows": 50 } },
                { "name": "mlp", "kind": "mlp", "parameters": { "hidden": "8", "epochs": 3, "patience": 2 } }
              ] },
              "publish": { "name": "fixture-model" }
            }
            """);
        RunStages("r2", experiment, snapshot);
        Cli("report", "-o", Output, "--run", "r2");
        SecondWithoutGate = File.ReadAllText(ReportFile("r2"));

        var first = Metrics("r1");
        var second = Metrics("r2");
        Gate = new GateDecision
        {
            Candidate = second.Winner,
            Metric = second.Metric,
            CandidateMetrics = second.Get(second.Winner),
            ChampionVersion = "fixture-model/1.0.1",
            ChampionMetrics = first.Get(first.Winner), // stands in for the champion re-scored on r2's test split
            Tolerance = 0.005,
            MaxSizeBytes = 50_000_000,
            MaxLatencyMicroseconds = 5000,
            Passed = false,
            Checks = [new GateCheck("metric", true, "within tolerance"), new GateCheck("size", false, "model too large for the test")],
        };
        File.WriteAllText(GateFile.PathFor(Layout, "r2"), JsonSerializer.Serialize(Gate));
        Cli("report", "-o", Output, "--run", "r2");
    }

    public PipelineFixture Fixture { get; }

    public string Output { get; }

    public RunLayout Layout { get; }

    /// <summary>r2's report before gate.json existed.</summary>
    public string SecondWithoutGate { get; }

    /// <summary>The gate decision written for r2.</summary>
    public GateDecision Gate { get; }

    public string ReportDir(string run) => Layout.RunReportDir(run);

    public string ReportFile(string run) => Path.Combine(ReportDir(run), ReportStage.MarkdownFile);

    public RunRecord Run(string run) => new RunStore(Layout).Load(run);

    public EvaluationReport Metrics(string run) =>
        JsonSerializer.Deserialize<EvaluationReport>(File.ReadAllText(Layout.Evaluate(Run(run).Stages[StageNames.Evaluate].Key).Metrics))!;

    public string MetricsPath(string run) => Layout.Evaluate(Run(run).Stages[StageNames.Evaluate].Key).Metrics;

    public void Dispose() => dir.Dispose();

    private void RunStages(string run, string experiment, string snapshot)
    {
        Cli("fetch", "--snapshot", snapshot, "--feeds", Fixture.Registry, "--experiment", experiment, "-o", Output, "--run", run);
        Cli("observations", "-o", Output, "--run", run);
        Cli("dataset", "-o", Output, "--run", run, "--geo-dir", Fixture.GeoDir);
        Cli("train", "-o", Output, "--run", run);
        Cli("evaluate", "-o", Output, "--run", run);
    }

    private static void Cli(params string[] args)
    {
        var result = CliRunner.Run(args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"ipsml {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}{result.Out}");
        }
    }
}
