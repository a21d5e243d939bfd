// Build parameters: every argument, environment variable and CI flag is read here, once, in Setup.

public sealed class BuildParameters
{
    public string Target { get; init; }
    public string Configuration { get; init; }
    public string Output { get; init; }
    public string Experiment { get; init; }
    public string Feeds { get; init; }
    public string Snapshot { get; init; }
    public string Cache { get; init; }
    public string GeoDir { get; init; }
    public string RunId { get; init; }
    public bool Force { get; init; }
    public bool ForcePromote { get; init; }
    public bool IsLocalBuild { get; init; }
    public bool IsRunningOnGitHubActions { get; init; }
    public bool IsPullRequest { get; init; }
    public bool IsMainBranch { get; init; }
    public BuildPaths Paths { get; init; }

    /// <summary>Publishing is skipped on pull requests: a PR shows its report; merges to main publish.</summary>
    public bool ShouldPublish => !IsPullRequest;

    public static BuildParameters Create(ICakeContext context)
    {
        var gha = context.BuildSystem().GitHubActions;
        var onGitHub = gha.IsRunningOnGitHubActions;
        var experiment = context.Argument("experiment", "experiments/default.json");
        var snapshot = context.Argument("snapshot", (string)null);
        var output = context.Argument("output", "artifacts");
        var parameters = new BuildParameters
        {
            Target = context.Argument("target", "Default"),
            Configuration = context.Argument("configuration", "Release"),
            Output = output,
            Experiment = experiment,
            Feeds = context.Argument("feeds", "data/feeds.json"),
            Snapshot = snapshot,
            Cache = context.Argument("cache", context.EnvironmentVariable("IPSML_CACHE")),
            GeoDir = context.Argument("geo-dir", context.EnvironmentVariable("IPSML_GEOIP_DIR")),
            RunId = context.Argument("run", $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{System.IO.Path.GetFileNameWithoutExtension(experiment)}"),
            Force = context.HasArgument("force"),
            ForcePromote = context.HasArgument("force-promote"),
            IsLocalBuild = context.BuildSystem().IsLocalBuild,
            IsRunningOnGitHubActions = onGitHub,
            IsPullRequest = onGitHub && gha.Environment.PullRequest.IsPullRequest,
            IsMainBranch = onGitHub && string.Equals(gha.Environment.Workflow.Ref, "refs/heads/main", StringComparison.Ordinal),
            Paths = BuildPaths.Create(context, context.Argument("configuration", "Release"), output),
        };
        parameters.Check(context);
        return parameters;
    }

    /// <summary>Fail in Setup, before any stage runs.</summary>
    private void Check(ICakeContext context)
    {
        if (!context.FileExists(Experiment))
        {
            throw new Exception($"--experiment: {Experiment} does not exist");
        }

        if (!context.FileExists(Feeds))
        {
            throw new Exception($"--feeds: {Feeds} does not exist");
        }

        if (Snapshot != null && !context.DirectoryExists(Snapshot))
        {
            throw new Exception($"--snapshot: {Snapshot} is not a folder");
        }
    }
}
