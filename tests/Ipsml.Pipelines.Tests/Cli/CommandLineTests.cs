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

    [Fact]
    public void A_lone_dash_is_refused_with_the_way_to_read_stdin()
    {
        var result = CliRunner.RunWithInput("8.8.8.8\n", "score", "--format", "zeek", "-");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a lone '-' is not an option, nor a file name here: to read stdin, give no input file", result.Error);
        Assert.DoesNotContain("Option does not have a name", result.Error);
    }

    [Theory]
    [InlineData("score")]
    [InlineData("evaluate")]
    public void No_help_text_offers_a_dash_for_stdin(string command)
    {
        var result = CliRunner.Run(command, "--help");

        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("'-'", result.Out, StringComparison.Ordinal);
    }
}
