using System.IO.Compression;
using System.Xml.Linq;
using Ipsml.Pipelines.Tests;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Consumer.Tests;

/// <summary>
/// The package under test, its feed folder, the artifact unpacked from it, and the geo databases to score with.
/// Default: the fixture pipeline (fetch … gate, publish) runs in-process and models/Ipsml.Model packs its artifact.
/// With <c>IPSML_MODEL_PACKAGE</c> set to a .nupkg: that package, scored with the geo databases in
/// <c>IPSML_CONSUMER_GEO_DIR</c> or, when unset, found the way <c>IpsmlModel.Open()</c> finds them.
/// </summary>
public sealed class ModelPackage : IDisposable
{
    public const string PackageVariable = "IPSML_MODEL_PACKAGE";
    public const string GeoDirVariable = "IPSML_CONSUMER_GEO_DIR";

    private readonly TestDirectory dir = new();

    public ModelPackage()
    {
        Feed = Path.Combine(dir.Path, "feed");
        Directory.CreateDirectory(Feed);
        if (Environment.GetEnvironmentVariable(PackageVariable) is { Length: > 0 } given)
        {
            File.Copy(given, Path.Combine(Feed, Path.GetFileName(given)));
            GeoDir = Environment.GetEnvironmentVariable(GeoDirVariable) is { Length: > 0 } geo ? geo : null;
            Connections = ["122.2.223.242,6", "141.142.164.33,0", "8.8.8.8,13"];
            FromFixture = false;
        }
        else
        {
            var fixture = PipelineFixture.Write(Path.Combine(dir.Path, "fixture"));
            var output = Path.Combine(dir.Path, "out");
            Published = PublishFixture(fixture, output);
            // As the README packs by hand: ModelDir relative to the folder pack runs in (the repository root), not to the project.
            DotNet.Run(
                RepoPaths.Root,
                "pack", Path.Combine(RepoPaths.Root, "models", "Ipsml.Model", "Ipsml.Model.csproj"),
                "--no-build", "-c", Configuration, "-o", Feed,
                $"-p:ModelDir={Path.GetRelativePath(RepoPaths.Root, Published)}", $"-p:NuspecOutputPath={Path.Combine(dir.Path, "nuspec")}/", "-p:UseSharedCompilation=false");
            GeoDir = fixture.GeoDir;
            Connections = ["1.2.3.4,3", "150.1.2.3,12", "81.2.69.142,2", "2a01:4f8::1,23"];
            FromFixture = true;
        }

        Nupkg = Assert.Single(Directory.GetFiles(Feed, "*.nupkg"));
        Nuspec = ReadNuspec(Nupkg);
        Unpacked = Path.Combine(dir.Path, "unpacked");
        ExtractModel(Nupkg, Unpacked);
    }

    /// <summary>The build configuration of this test assembly, and so of the Ipsml.Model build that is packed.</summary>
#if DEBUG
    public const string Configuration = "Debug";
#else
    public const string Configuration = "Release";
#endif

    public bool FromFixture { get; }

    /// <summary>The published artifact folder the fixture packed (null for a given package).</summary>
    public string? Published { get; }

    public string Feed { get; }

    public string Nupkg { get; }

    public XDocument Nuspec { get; }

    /// <summary>The artifact as the package carries it (contentFiles/any/any/ipsml-model/).</summary>
    public string Unpacked { get; }

    public string? GeoDir { get; }

    /// <summary>ip,hour lines to score.</summary>
    public IReadOnlyList<string> Connections { get; }

    public string Root => dir.Path;

    public string Id => Nuspec.Descendants().First(e => e.Name.LocalName == "id").Value;

    public string Version => Nuspec.Descendants().First(e => e.Name.LocalName == "version").Value;

    private static string PublishFixture(PipelineFixture fixture, string output)
    {
        string[][] steps =
        [
            ["fetch", "--snapshot", fixture.Snapshot, "--feeds", fixture.Registry, "--experiment", fixture.Experiment, "-o", output, "--run", "consumer"],
            ["observations", "-o", output],
            ["dataset", "-o", output, "--geo-dir", fixture.GeoDir],
            ["train", "-o", output],
            ["evaluate", "-o", output],
            ["gate", "-o", output],
            ["publish", "-o", output],
        ];
        foreach (var step in steps)
        {
            var result = CliRunner.Run(step);
            Assert.True(result.ExitCode == 0, $"ipsml {step[0]}: {result.Error}{result.Out}");
        }

        return Path.Combine(output, "models", "fixture-model", File.ReadAllText(Path.Combine(output, "models", "fixture-model", "LATEST")).Trim());
    }

    private static XDocument ReadNuspec(string nupkg)
    {
        using var zip = ZipFile.OpenRead(nupkg);
        var entry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    private static void ExtractModel(string nupkg, string to)
    {
        const string prefix = "contentFiles/any/any/ipsml-model/";
        using var zip = ZipFile.OpenRead(nupkg);
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var path = Path.Combine(to, Uri.UnescapeDataString(entry.FullName[prefix.Length..]));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            entry.ExtractToFile(path);
        }
    }

    public void Dispose() => dir.Dispose();
}
