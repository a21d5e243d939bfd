using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Tests.Gate;

/// <summary>
/// Several runs of the fixture pipeline into one output folder, in this order, each gated and published:
/// <list type="number">
/// <item>w1, a deliberately weak candidate (one tree, two leaves, the ASN column only): no champion yet → 1.0.1;</item>
/// <item>n1, the fixture's normal forest: better than 1.0.1 → 1.0.2;</item>
/// <item>w2, weak again: worse than the champion 1.0.2 → not promoted;</item>
/// <item>n2, normal again: its winner is the champion itself → passes, nothing new to publish;</item>
/// <item>w3, weak: published before gating (refused), then gated (fails) and published with --force-promote → 1.0.3;</item>
/// <item>s, a forest with other parameters, gated (against 1.0.2) before w3 and published after it: stale, refused;</item>
/// <item>w2 published again after w3: its model is already 1.0.3, so nothing new;</item>
/// <item>budget, the normal forest under another name with a 1,000-byte size budget: fails with no champion;</item>
/// <item>mlp, an MLP candidate under another name: published with its hand-written ONNX graph;</item>
/// <item>plain, the normal forest under another name with <c>publish.onnx</c> false: published without ONNX.</item>
/// </list>
/// LATEST is recorded after each step.
/// </summary>
public sealed class ChampionRuns : IDisposable
{
    public const string Model = "fixture-model";

    private readonly TestDirectory dir = new();

    public ChampionRuns()
    {
        Fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        Output = Path.Combine(dir.Path, "out");
        Weak = Write("weak.json", """
            {
              "name": "fixture-weak",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [ { "name": "weak", "kind": "random-forest", "columns": [ "Asn" ], "parameters": { "trees": 1, "leaves": 2 } } ] },
              "publish": { "name": "fixture-model" }
            }
            """);
        Other = Write("other.json", """
            {
              "name": "fixture-other",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "trees": 10, "leaves": 4 } } ] },
              "publish": { "name": "fixture-model" }
            }
            """);
        Budget = Write("budget.json", """
            {
              "name": "fixture-budget",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "trees": 20, "leaves": 8 } } ] },
              "publish": { "name": "budget-model", "gate": { "maxSizeBytes": 1000, "tolerance": 0.01 } }
            }
            """);

        Steps["w1"] = Pipeline("w1", Weak, gate: true, publish: true);
        Latest["w1"] = LatestVersion();
        Steps["n1"] = Pipeline("n1", Fixture.Experiment, gate: true, publish: true);
        Latest["n1"] = LatestVersion();
        Steps["w2"] = Pipeline("w2", Weak, gate: true, publish: true);
        Latest["w2"] = LatestVersion();
        W2AfterRefusal = Run("w2");
        Steps["n2"] = Pipeline("n2", Fixture.Experiment, gate: true, publish: true);
        Latest["n2"] = LatestVersion();
        Steps["s"] = Pipeline("s", Other, gate: true, publish: false);
        var w3 = Pipeline("w3", Weak, gate: false, publish: true);
        w3["gate"] = CliRunner.Run("gate", "-o", Output, "--run", "w3");
        w3["publish-forced"] = CliRunner.Run("publish", "-o", Output, "--run", "w3", "--force-promote");
        Steps["w3"] = w3;
        Latest["w3"] = LatestVersion();
        StaleForcedPublish = CliRunner.Run("publish", "-o", Output, "--run", "s", "--force-promote");
        RefusedThenPublishedElsewhere = CliRunner.Run("publish", "-o", Output, "--run", "w2");
        Steps["budget"] = Pipeline("budget", Budget, gate: true, publish: true);
        Steps["mlp"] = Pipeline("mlp", Write("mlp.json", """
            {
              "name": "fixture-mlp",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [ { "name": "mlp", "kind": "mlp", "parameters": { "hidden": "16", "embedding": 4, "epochs": 3 } } ] },
              "publish": { "name": "mlp-model" }
            }
            """), gate: true, publish: true);
        Steps["plain"] = Pipeline("plain", Write("plain.json", """
            {
              "name": "fixture-plain",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "trees": 20, "leaves": 8 } } ] },
              "publish": { "name": "plain-model", "onnx": false }
            }
            """), gate: true, publish: true);
    }

    public PipelineFixture Fixture { get; }

    public string Output { get; }

    public string Weak { get; }

    public string Budget { get; }

    public string Other { get; }

    /// <summary>Run id → command → result.</summary>
    public Dictionary<string, Dictionary<string, CliRunner.Result>> Steps { get; } = [];

    /// <summary>Run id → models/fixture-model/LATEST after that run's steps.</summary>
    public Dictionary<string, string?> Latest { get; } = [];

    public CliRunner.Result StaleForcedPublish { get; }

    /// <summary>Run w2's record right after publish refused it.</summary>
    public RunRecord W2AfterRefusal { get; }

    public CliRunner.Result RefusedThenPublishedElsewhere { get; }

    public RunLayout Layout => new(Output);

    public RunRecord Run(string id) => new RunStore(Layout).Load(id);

    public GateDecision Gate(string id) => GateDecision.Load(GateDecision.PathFor(Layout, id));

    public ArtifactManifest Manifest(string version) => ModelArtifact.ReadManifest(Layout.ModelVersionDir(Model, version));

    private string? LatestVersion()
    {
        var pointer = Layout.LatestModelPointer(Model);
        return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
    }

    private string Write(string name, string json)
    {
        var path = Path.Combine(Fixture.Root, name);
        File.WriteAllText(path, json);
        return path;
    }

    private Dictionary<string, CliRunner.Result> Pipeline(string run, string experiment, bool gate, bool publish)
    {
        var results = new Dictionary<string, CliRunner.Result>
        {
            ["fetch"] = CliRunner.Run("fetch", "--snapshot", Fixture.Snapshot, "--feeds", Fixture.Registry, "--experiment", experiment, "-o", Output, "--run", run),
            ["observations"] = CliRunner.Run("observations", "-o", Output, "--run", run),
            ["dataset"] = CliRunner.Run("dataset", "-o", Output, "--run", run, "--geo-dir", Fixture.GeoDir),
            ["train"] = CliRunner.Run("train", "-o", Output, "--run", run),
            ["evaluate"] = CliRunner.Run("evaluate", "-o", Output, "--run", run),
        };
        if (gate)
        {
            results["gate"] = CliRunner.Run("gate", "-o", Output, "--run", run);
        }

        if (publish)
        {
            results["publish"] = CliRunner.Run("publish", "-o", Output, "--run", run);
        }

        return results;
    }

    public void Dispose() => dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class ChampionRunsCollection : ICollectionFixture<ChampionRuns>
{
    public const string Name = "champion runs";
}
