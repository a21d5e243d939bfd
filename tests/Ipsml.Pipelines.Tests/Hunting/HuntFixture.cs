using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Hunting;

/// <summary>
/// One published model for all hunting tests: the end-to-end fixture's snapshot run through every stage once
/// (MaxMind's test databases as geo), plus helpers to write small logs.
/// </summary>
public sealed class HuntFixture : IDisposable
{
    private readonly TestDirectory dir = new();

    public HuntFixture()
    {
        Fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
        Output = Path.Combine(dir.Path, "out");
        string[][] stages =
        [
            ["fetch", "--snapshot", Fixture.Snapshot, "--feeds", Fixture.Registry, "--experiment", Fixture.Experiment, "-o", Output, "--run", "r1"],
            ["observations", "-o", Output],
            ["dataset", "-o", Output, "--geo-dir", Fixture.GeoDir],
            ["train", "-o", Output],
            ["evaluate", "-o", Output],
            ["gate", "-o", Output],
            ["publish", "-o", Output],
        ];
        foreach (var args in stages)
        {
            var result = CliRunner.Run(args);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"ipsml {string.Join(' ', args)} failed ({result.ExitCode}): {result.Error}{result.Out}");
            }
        }

        ModelDir = Path.Combine(Output, "models", "fixture-model", "1.0.1");
    }

    public PipelineFixture Fixture { get; }

    public string Output { get; }

    public string ModelDir { get; }

    public string GeoDir => Fixture.GeoDir;

    /// <summary>Writes a file under the fixture's temporary folder.</summary>
    public string Write(string name, string text) => dir.Write(Path.Combine("logs", Guid.NewGuid().ToString("N")[..8], name), text);

    public string Write(string name, byte[] bytes) => dir.Write(Path.Combine("logs", Guid.NewGuid().ToString("N")[..8], name), bytes);

    /// <summary>ipsml with -o, --model and --geo-dir of this fixture, then <paramref name="args"/>.</summary>
    public CliRunner.Result Run(string command, params string[] args) =>
        CliRunner.Run([command, "-o", Output, "--model", ModelDir, "--geo-dir", GeoDir, .. args]);

    public void Dispose() => dir.Dispose();
}

[CollectionDefinition(Name)]
public sealed class HuntCollection : ICollectionFixture<HuntFixture>
{
    public const string Name = "hunt";
}
