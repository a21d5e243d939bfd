using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Cli;

/// <summary>How the command line is parsed, before any command runs.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("bogus", "score", "--bogus", "1.1.1.1")]
    [InlineData("tpo", "score", "--tpo", "5", "8.8.8.8")]
    [InlineData("experiment", "train", "--experiment", "x")]
    [InlineData("labels", "gate", "--labels", "label")]
    [InlineData("bogus", "experiments", "list", "--bogus")]
    [InlineData("bogus", "evaluate", "--format", "zeek", "--bogus", "conn.log")]
    public void An_unknown_option_is_a_usage_error_that_names_it_and_runs_nothing(string option, params string[] args)
    {
        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"Unknown option '{option}'", result.Error);
        Assert.Equal("", result.Out);
    }
}
