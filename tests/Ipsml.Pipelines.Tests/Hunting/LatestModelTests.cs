using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Hunting;

/// <summary>Which artifact <c>score</c> uses without --model: the version OUTPUT/models/NAME/LATEST names, never a path.</summary>
[Collection(HuntCollection.Name)]
public sealed class LatestModelTests(HuntFixture hunt)
{
    [Fact]
    public void Without_model_score_uses_the_version_latest_names()
    {
        var result = CliRunner.Run("score", "-o", hunt.Output, "--name", "fixture-model", "--geo-dir", hunt.GeoDir, "--output-format", "csv", "81.2.69.142,3");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.EndsWith(",fixture-model,1.0.1", result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)[1]);
    }

    [Theory]
    [InlineData("../../../../tmp/x")]
    [InlineData("/tmp/x")]
    [InlineData("1.0.1/../../../x")]
    [InlineData("..")]
    [InlineData("")]
    public void A_latest_pointer_that_is_not_a_plain_version_name_is_refused(string content)
    {
        using var dir = new TestDirectory();
        var pointer = dir.Write(Path.Combine("models", "ipsml", "LATEST"), content + "\n");

        foreach (var command in new[] { "score", "evaluate", "bench" })
        {
            string[] args = command switch
            {
                "score" => ["81.2.69.142,3"],
                "evaluate" => [StratosphereLog.PathOf(StratosphereLog.Sme11)],
                _ => ["--lines", "10"],
            };
            var result = CliRunner.Run([command, "-o", dir.Path, "--geo-dir", hunt.GeoDir, .. args]);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains($"{pointer}: '{content}' is not a version name", result.Error);
            Assert.Equal("", result.Out);
        }
    }

    [Theory]
    [InlineData("../fixture-model")]
    [InlineData("/tmp")]
    public void A_model_name_that_is_a_path_is_a_usage_error(string name)
    {
        var result = CliRunner.Run("score", "-o", hunt.Output, "--name", name, "--geo-dir", hunt.GeoDir, "81.2.69.142,3");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--name: a model name is letters, digits", result.Error);
    }
}
