using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class ChampionRunTests
{
    [Theory]
    [InlineData("ipsml/1.0.3", "ipsml", "1.0.3")]
    [InlineData("ipsml 1.0.3", "ipsml", "1.0.3")]
    [InlineData("other@1.0.2", "other", "1.0.2")]
    [InlineData("1.0.4", "fallback", "1.0.4")]
    public void Champion_versions_name_the_model_or_default_to_the_runs_model_name(string text, string name, string version) =>
        Assert.Equal((name, version), ChampionRun.ParseVersion(text, "fallback"));
}
