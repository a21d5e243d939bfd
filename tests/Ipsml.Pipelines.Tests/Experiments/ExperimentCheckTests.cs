using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Fetch;

namespace Ipsml.Pipelines.Tests.Experiments;

/// <summary>The whole experiment checked before any stage runs, in words a user understands.</summary>
public sealed class ExperimentCheckTests : IDisposable
{
    private readonly TestDirectory dir = new();

    public void Dispose() => dir.Dispose();

    private string Write(string json) => dir.Write("e.json", json);

    private static readonly string Candidates = """
        "train": { "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "trees": 5 } } ] }
        """;

    private FeedRegistry Registry() => FeedRegistry.Load(dir.Write("feeds.json", """
        { "feeds": [ { "name": "one", "label": "malicious", "format": "ip-list", "urls": [], "snapshot": ["a.txt"], "licence": "test", "time": "none" } ] }
        """));

    private string Problem(string sections)
    {
        var path = Write($$"""{ "name": "x", "seed": 1, {{sections}} }""");
        var e = Assert.Throws<InvalidDataException>(() => ExperimentCheck.Run(Experiment.Load(path), Registry()));
        Assert.StartsWith(path + ": ", e.Message);
        return e.Message[(path.Length + 2)..];
    }

    [Fact]
    public void A_misspelt_key_names_the_known_keys_and_the_likely_one()
    {
        Assert.Equal(
            "section 'dataset': unknown key 'maxAsnz' (known: missingHour, maxRowsPerAddress, maxAddressesPerLabel, split, temporal, maxAsns; did you mean 'maxAsns'?)",
            Problem("\"dataset\": { \"maxAsnz\": 10 }, " + Candidates));
    }

    [Fact]
    public void A_wrong_type_says_what_was_expected_in_words()
    {
        Assert.Equal("section 'dataset': maxRowsPerAddress: \"many\" is not a whole number", Problem("\"dataset\": { \"maxRowsPerAddress\": \"many\" }, " + Candidates));
        Assert.Equal("section 'dataset': split.train: \"x\" is not a number", Problem("\"dataset\": { \"split\": { \"train\": \"x\" } }, " + Candidates));
        Assert.Equal("section 'dataset': temporal.enabled: 1 is not true or false", Problem("\"dataset\": { \"temporal\": { \"enabled\": 1 } }, " + Candidates));
        Assert.Equal("section 'train': candidates[0]: \"forest\" is not an object", Problem("\"train\": { \"candidates\": [ \"forest\" ] }"));
    }

    [Fact]
    public void A_bad_evaluate_metric_is_found_before_any_stage_runs()
    {
        Assert.Equal(
            "evaluate.metric: 'prAUC' is not one of prAucAtPrevalence, prAuc, rocAuc, f1, precisionAtRecall80, precisionAtRecall90",
            Problem("\"evaluate\": { \"metric\": \"prAUC\" }, " + Candidates));
    }

    [Fact]
    public void Candidate_kinds_names_and_parameters_are_checked_by_their_trainers_without_training()
    {
        Assert.Equal(
            "train.candidates: candidate 'forest': unknown parameter(s) tres; known: featureFraction, leaves, minLeafRows, rowFraction, threads, trees",
            Problem("""
                "train": { "candidates": [ { "name": "forest", "kind": "random-forest", "parameters": { "tres": 5 } } ] }
                """));
        Assert.Equal(
            "train.candidates: candidate 'net': parameter 'epochs': \"many\" is not a whole number",
            Problem("""
                "train": { "candidates": [ { "name": "net", "kind": "mlp", "parameters": { "epochs": "many" } } ] }
                """));
        Assert.Equal(
            "train.candidates: candidate 'boost': unknown candidate kind 'xgboost'; known: automl, mlp, random-forest",
            Problem("""
                "train": { "candidates": [ { "name": "boost", "kind": "xgboost" } ] }
                """));
        Assert.Equal(
            "train.candidates: name 'forest' is used twice",
            Problem("""
                "train": { "candidates": [ { "name": "forest", "kind": "random-forest" }, { "name": "forest", "kind": "mlp" } ] }
                """));
        Assert.Contains(
            "candidate 'search': parameter 'trainers': unknown trainer 'catBoost'",
            Problem("""
                "train": { "candidates": [ { "name": "search", "kind": "automl", "parameters": { "trainers": ["catBoost"] } } ] }
                """));
    }

    [Fact]
    public void Dataset_observations_and_publish_checks_run_too()
    {
        Assert.Equal("dataset.maxAsns: -1 is outside 0..100000", Problem("\"dataset\": { \"maxAsns\": -1 }, " + Candidates));
        Assert.Equal("observations: feed 'two' is not in the feed registry", Problem("\"observations\": { \"include\": [\"two\"] }, " + Candidates));
        Assert.Equal("publish.gate.tolerance: -0.1 must be a finite number ≥ 0", Problem("\"publish\": { \"gate\": { \"tolerance\": -0.1 } }, " + Candidates));
        Assert.StartsWith("publish.name: 'a/b' must be", Problem("\"publish\": { \"name\": \"a/b\" }, " + Candidates));
    }

    [Fact]
    public void Every_section_with_a_problem_is_listed_at_once()
    {
        Assert.Equal(
            "3 problems:\n  section 'dataset': unknown key 'x' (known: missingHour, maxRowsPerAddress, maxAddressesPerLabel, split, temporal, maxAsns)\n  train.candidates: at least one candidate is needed\n  evaluate.prevalence: 2 must be between 0 and 1",
            Problem("\"dataset\": { \"x\": 1 }, \"evaluate\": { \"prevalence\": 2 }"));
    }

    [Fact]
    public void Broken_json_names_line_and_column_without_the_parser_noise()
    {
        var path = Write("{\n \"name\": \"x\",\n \"seed\": ,\n}");

        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(path));

        Assert.Equal($"{path}: line 3, column 10: ',' is an invalid start of a value", e.Message);
    }

    [Fact]
    public void A_bind_error_from_a_stage_command_names_the_key_in_words_too()
    {
        var path = Write("""{ "name": "x", "seed": 1, "dataset": { "maxAsns": 2.5 } }""");

        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(path).Bind<DatasetOptions>("dataset"));

        Assert.Equal($"{path}: section 'dataset': maxAsns: 2.5 is not a whole number", e.Message);
    }

    [Fact]
    public void The_shipped_experiments_pass_the_whole_check_against_the_shipped_registry()
    {
        var registry = FeedRegistry.Load(Path.Combine(RepoPaths.Root, "data", "feeds.json"));
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "experiments"), "*.json"))
        {
            ExperimentCheck.Run(Experiment.Load(file), registry);
        }
    }
}
