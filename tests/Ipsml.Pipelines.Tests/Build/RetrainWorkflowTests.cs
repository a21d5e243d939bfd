using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Ipsml.Pipelines.Tests.Build;

/// <summary>
/// The GitHub workflow is valid YAML of the expected shape, and every build target it calls is a Cake task that
/// .ci/run also runs here (so CI on a pull request runs nothing this machine has not run). .ci/run also checks the
/// file against the official workflow schema with action-validator.
/// </summary>
public sealed partial class RetrainWorkflowTests
{
    private static readonly string Workflow = Path.Combine(RepoPaths.Root, ".github", "workflows", "retrain.yml");

    private static YamlMappingNode Root()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Workflow);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static IEnumerable<string> RunCommands() =>
        ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Root()["jobs"])["retrain"])["steps"])
            .Cast<YamlMappingNode>()
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => ((YamlScalarNode)step["run"]).Value!);

    [Fact]
    public void Pull_requests_touching_data_features_models_or_experiments_trigger_it()
    {
        var paths = ((YamlSequenceNode)((YamlMappingNode)((YamlMappingNode)Root()["on"])["pull_request"])["paths"])
            .Select(n => ((YamlScalarNode)n).Value).ToList();
        Assert.Equal(["data/**", "features/**", "models/**", "experiments/**"], paths);
    }

    [Fact]
    public void Every_build_target_it_calls_is_a_cake_task_that_ci_here_runs_too()
    {
        var tasks = TaskPattern().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, "build", "build.cake"))).Select(m => m.Groups[1].Value).ToHashSet();
        var ciHere = TargetPattern().Matches(File.ReadAllText(Path.Combine(RepoPaths.Root, ".ci", "run"))).Select(m => m.Groups[1].Value).ToHashSet();
        var targets = RunCommands().SelectMany(c => TargetPattern().Matches(c)).Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(targets);
        Assert.All(targets, t => Assert.Contains(t, tasks));
        Assert.All(targets, t => Assert.Contains(t, ciHere));
    }

    [Fact]
    public void The_test_step_runs_the_readme_test_command()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        Assert.Contains("dotnet test Pipeline.sln", readme);
        Assert.Contains(RunCommands(), c => c.StartsWith("dotnet test Pipeline.sln", StringComparison.Ordinal));
    }

    [Fact]
    public void The_report_comment_is_updated_in_place_not_piled_up()
    {
        var text = File.ReadAllText(Workflow);
        Assert.Contains("<!-- ipsml-report -->", text);
        Assert.Contains("updateComment", text);
    }

    [GeneratedRegex("""Task\("([A-Za-z]+)"\)""")]
    private static partial Regex TaskPattern();

    [GeneratedRegex("""build\.sh --target ([A-Za-z]+)""")]
    private static partial Regex TargetPattern();
}
