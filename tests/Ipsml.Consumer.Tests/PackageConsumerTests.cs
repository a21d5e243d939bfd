using System.Globalization;
using System.IO.Compression;
using System.Net;
using Ipsml.Model;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Consumer.Tests;

/// <summary>
/// The model package as a consumer meets it: what the .nupkg holds, and a fresh console project that references it,
/// restores it from a local feed, and scores connections with <c>IpsmlModel.Open()</c> — the README's example.
/// </summary>
[Trait("Category", "Package")]
public sealed class PackageConsumerTests(ModelPackage package) : IClassFixture<ModelPackage>
{
    /// <summary>The README's consumer example, plus argument handling: GEO_DIR|- then ip,hour pairs; one CSV line per connection.</summary>
    private const string ConsumerProgram = """
        using System.Globalization;
        using System.Net;
        using Ipsml.Model;

        using var model = IpsmlModel.Open(geoDir: args[0] == "-" ? null : args[0]);
        foreach (var connection in args.Skip(1))
        {
            var parts = connection.Split(',');
            var score = model.Score(IPAddress.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{parts[0]},{parts[1]},{score.Probability:R},{(score.Malicious ? "malicious" : "benign")},{model.Name},{model.Version}"));
        }
        """;

    [Fact]
    public void Package_is_named_and_versioned_after_the_artifact_it_carries()
    {
        var manifest = ModelArtifact.ReadManifest(package.Unpacked);

        Assert.Equal($"Ipsml.Model.{manifest.Name}", package.Id);
        Assert.Equal(manifest.Version, package.Version);
        Assert.Equal($"{package.Id}.{package.Version}.nupkg".ToLowerInvariant(), Path.GetFileName(package.Nupkg).ToLowerInvariant());
        if (package.FromFixture)
        {
            Assert.Equal("Ipsml.Model.fixture-model", package.Id);
            Assert.Equal("1.0.1", package.Version);
        }
    }

    [Fact]
    public void Package_carries_the_whole_verified_artifact_as_content_copied_to_the_output_and_the_scoring_assemblies()
    {
        // Unpacked from the package, the artifact passes the same verification as the published folder.
        using (ModelArtifact.Load(package.Unpacked))
        {
        }

        using var zip = ZipFile.OpenRead(package.Nupkg);
        var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
        Assert.Contains("lib/net10.0/Ipsml.Model.dll", entries);
        Assert.Contains("lib/net10.0/Ipsml.Scoring.dll", entries);
        Assert.Contains("lib/net10.0/Ipsml.Features.dll", entries);
        Assert.Contains("contentFiles/any/any/ipsml-model/model/model.onnx", entries);
        Assert.Contains("MODEL_CARD.md", entries);
        Assert.DoesNotContain(entries, e => e.Contains("Ipsml.Training", StringComparison.Ordinal) || e.Contains("Ipsml.Onnx", StringComparison.Ordinal));

        var files = package.Nuspec.Descendants().Where(e => e.Name.LocalName == "files").ToList();
        var content = Assert.Single(files, f => f.Attribute("include")?.Value.StartsWith("any/any/ipsml-model/", StringComparison.Ordinal) == true && f.Attribute("include")!.Value.EndsWith("SHA256SUMS", StringComparison.Ordinal));
        Assert.Equal("true", content.Attribute("copyToOutput")?.Value);

        var dependencies = package.Nuspec.Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => e.Attribute("id")!.Value).ToList();
        Assert.Contains("Microsoft.ML", dependencies);
        Assert.Contains("MaxMind.GeoIP2", dependencies);
        Assert.DoesNotContain("TorchSharp", dependencies);
        Assert.DoesNotContain("Microsoft.ML.OnnxRuntime", dependencies);
    }

    [Fact]
    public void A_console_project_that_adds_the_package_scores_like_the_scoring_library()
    {
        var consumer = Path.Combine(package.Root, "consumer");
        Directory.CreateDirectory(consumer);
        File.WriteAllText(Path.Combine(consumer, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{package.Id}" Version="{package.Version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(consumer, "Program.cs"), ConsumerProgram);
        WriteNuGetConfig(consumer);

        DotNet.Run(consumer, "restore");
        string[] run = ["run", "--no-restore", "--", package.GeoDir ?? "-", .. package.Connections];
        var output = DotNet.Run(consumer, run);

        Assert.True(File.Exists(Path.Combine(consumer, "bin", "Debug", "net10.0", IpsmlModel.ContentFolder, "SHA256SUMS")), "the package's content is copied to the consumer's output");
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => package.Connections.Any(c => l.StartsWith(c + ",", StringComparison.Ordinal))).ToList();
        Assert.Equal(Expected(), lines);
    }

    /// <summary>The same connections scored in-process from the artifact unpacked out of the package.</summary>
    private List<string> Expected()
    {
        using var model = IpsmlModel.Open(package.GeoDir, package.Unpacked);
        var expected = new List<string>();
        foreach (var connection in package.Connections)
        {
            var parts = connection.Split(',');
            var score = model.Score(IPAddress.Parse(parts[0]), int.Parse(parts[1], CultureInfo.InvariantCulture));
            Assert.InRange(score.Probability, 0f, 1f);
            expected.Add(string.Create(CultureInfo.InvariantCulture, $"{parts[0]},{parts[1]},{score.Probability:R},{(score.Malicious ? "malicious" : "benign")},{model.Name},{model.Version}"));
        }

        return expected;
    }

    /// <summary>
    /// The local feed beside the machine's usual sources (no &lt;clear/&gt;: the user's and machine's NuGet.Config
    /// still apply); packages extract into a private folder so this package never lands in the user's cache, and the
    /// user's cache serves the rest (ML.NET, MaxMind) as a fallback folder without copying it.
    /// </summary>
    private void WriteNuGetConfig(string consumer)
    {
        var listed = DotNet.Run(consumer, "nuget", "locals", "global-packages", "--list");
        var userPackages = listed.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("global-packages:", StringComparison.Ordinal))["global-packages:".Length..].Trim();
        File.WriteAllText(Path.Combine(consumer, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(package.Root, "packages")}" />
              </config>
              <packageSources>
                <add key="ipsml-local" value="{package.Feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="user-packages" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """);
    }
}
