using System.Text.Json.Nodes;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Tests.Gate;

/// <summary>
/// The champion gate across runs with different seeds, into one output folder (fixture data, split 50/20/30):
/// <list type="number">
/// <item>a: seed 7, gated and published → seed-model 1.0.1, whose manifest records its split;</item>
/// <item>b: seed 8, gated against 1.0.1 and reported: its test rows in groups 1.0.1 trained or validated on are left out;</item>
/// <item>c: seed 8 against legacy-model 1.0.1, a copy of 1.0.1 whose manifest has no split record (as older artifacts);</item>
/// <item>d: seed 8 against tiny-model 1.0.1, a copy whose split leaves almost nothing to its test split, then published.</item>
/// </list>
/// </summary>
public sealed class SeedGateRuns : IDisposable
{
    public const string Model = "seed-model";

    private readonly TestDirectory dir = new();

    public SeedGateRuns()
    {
        Fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        Output = Path.Combine(dir.Path, "out");
        Steps["a"] = Pipeline("a", Experiment(7, Model), publish: true, report: false);
        Steps["b"] = Pipeline("b", Experiment(8, Model), publish: false, report: true);

        CopyChampion("legacy-model", manifest => manifest.Remove("split"));
        Steps["c"] = Pipeline("c", Experiment(8, "legacy-model"), publish: false, report: false);

        CopyChampion("tiny-model", manifest => manifest["split"] = new JsonObject { ["scheme"] = "group", ["group"] = "/24", ["train"] = 0.9999, ["valid"] = 0.00009, ["seed"] = 7 });
        Steps["d"] = Pipeline("d", Experiment(8, "tiny-model"), publish: true, report: false);
    }

    public PipelineFixture Fixture { get; }

    public string Output { get; }

    public RunLayout Layout => new(Output);

    /// <summary>Run id → command → result.</summary>
    public Dictionary<string, Dictionary<string, CliRunner.Result>> Steps { get; } = [];

    public RunRecord Run(string id) => new RunStore(Layout).Load(id);

    public GateDecision Gate(string id) => GateDecision.Load(GateDecision.PathFor(Layout, id));

    public string ChampionDir(string name = Model) => Layout.ModelVersionDir(name, "1.0.1");

    public ArtifactManifest Manifest(string name = Model) => ModelArtifact.ReadManifest(ChampionDir(name));

    private string Experiment(int seed, string model)
    {
        var path = Path.Combine(Fixture.Root, $"seed-{seed}-{model}.json");
        File.WriteAllText(path, $$"""
            {
              "name": "fixture-seed-{{seed}}",
              "seed": {{seed}},
              "dataset": { "maxAsns": 10, "split": { "group": "/24", "train": 0.5, "valid": 0.2 } },
              "train": { "temporal": false, "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "trees": 20, "leaves": 8 } } ] },
              "publish": { "name": "{{model}}" }
            }
            """);
        return path;
    }

    /// <summary>models/NAME/1.0.1 as a copy of seed-model 1.0.1 with an edited manifest (checksums rewritten), and LATEST naming it.</summary>
    private void CopyChampion(string name, Action<JsonObject> edit)
    {
        var from = ChampionDir();
        var to = ChampionDir(name);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }

        var manifestPath = Path.Combine(to, "manifest.json");
        var manifest = JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        edit(manifest);
        File.WriteAllText(manifestPath, manifest.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        ArtifactSums.Write(to);
        File.WriteAllText(Layout.LatestModelPointer(name), "1.0.1\n");
    }

    private Dictionary<string, CliRunner.Result> Pipeline(string run, string experiment, bool publish, bool report)
    {
        var results = new Dictionary<string, CliRunner.Result>
        {
            ["fetch"] = CliRunner.Run("fetch", "--snapshot", Fixture.Snapshot, "--feeds", Fixture.Registry, "--experiment", experiment, "-o", Output, "--run", run),
            ["observations"] = CliRunner.Run("observations", "-o", Output, "--run", run),
            ["dataset"] = CliRunner.Run("dataset", "-o", Output, "--run", run, "--geo-dir", Fixture.GeoDir),
            ["train"] = CliRunner.Run("train", "-o", Output, "--run", run),
            ["evaluate"] = CliRunner.Run("evaluate", "-o", Output, "--run", run),
            ["gate"] = CliRunner.Run("gate", "-o", Output, "--run", run),
        };
        if (report)
        {
            results["report"] = CliRunner.Run("report", "-o", Output, "--run", run);
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
public sealed class SeedGateRunsCollection : ICollectionFixture<SeedGateRuns>
{
    public const string Name = "seed gate runs";
}
