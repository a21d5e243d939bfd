using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Experiments;

namespace Ipsml.Pipelines.Tests.Experiments;

public sealed class ExperimentTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("ipsml-exp-").FullName;

    public void Dispose() => Directory.Delete(dir, true);

    private string Write(string json)
    {
        var path = Path.Combine(dir, "e.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Sections_bind_to_their_options_with_defaults()
    {
        var e = Experiment.Load(Write("""{ "name": "x", "seed": 3, "dataset": { "maxRowsPerAddress": 2, "split": { "train": 0.6 } } }"""));
        var d = e.Bind<DatasetOptions>("dataset");
        Assert.Equal(3, e.Seed);
        Assert.Equal(2, d.MaxRowsPerAddress);
        Assert.Equal(0.6, d.Split.Train);
        Assert.Equal(0.15, d.Split.Valid);
        Assert.Equal("uniform", d.MissingHour);
    }

    [Fact]
    public void Misspelt_key_in_a_section_is_refused_naming_file_and_section()
    {
        var path = Write("""{ "name": "x", "seed": 3, "dataset": { "maxRowPerAddress": 2 } }""");
        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(path).Bind<DatasetOptions>("dataset"));
        Assert.Contains(path, e.Message);
        Assert.Contains("'dataset'", e.Message);
        Assert.Contains("maxRowPerAddress", e.Message);
    }

    [Fact]
    public void Unknown_top_level_key_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(Write("""{ "name": "x", "seed": 1, "trian": {} }""")));
        Assert.Contains("trian", e.Message);
    }

    [Fact]
    public void Missing_seed_is_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(Write("""{ "name": "x" }""")));
        Assert.Contains("seed", e.Message);
    }

    [Fact]
    public void Broken_json_names_the_line()
    {
        var e = Assert.Throws<InvalidDataException>(() => Experiment.Load(Write("{\n \"name\": \"x\",\n \"seed\": ,\n}")));
        Assert.Contains("line 3", e.Message);
    }

    [Fact]
    public void The_shipped_experiments_load()
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "experiments"), "*.json"))
        {
            var e = Experiment.Load(file);
            Assert.False(string.IsNullOrEmpty(e.Name), file);
        }
    }
}
