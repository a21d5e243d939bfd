// ipsml build pipeline: Restore → Build → Fetch → Observations → Dataset → Train → Evaluate → Gate → Report → Publish
// (→ Pack). Each stage task is one call of the ipsml CLI command of the same name, so CI runs what a developer types.
//
//   ./build.sh --snapshot ../shared/data          whole pipeline, offline, on a snapshot folder
//   ./build.sh --target Test                      the test suite
//   ./build.sh --experiment experiments/quick.json --output artifacts
//   ./build.sh --snapshot ../shared/data --target Pack   ... and the model's NuGet package (OUTPUT/packages/)

#load "parameters.cake"
#load "paths.cake"

// Paths in arguments and in this script are relative to the repository root, whichever folder Cake started in.
Context.Environment.WorkingDirectory = MakeAbsolute(Directory(Context.Environment.WorkingDirectory.GetDirectoryName() == "build" ? ".." : "."));

///////////////////////////////////////////////////////////////////////////////
// SETUP / TEARDOWN
///////////////////////////////////////////////////////////////////////////////

BuildParameters buildParameters = null;

Setup<BuildParameters>(context =>
{
    var parameters = buildParameters = BuildParameters.Create(context);
    Information("ipsml: target {0}, experiment {1}, run {2}, output {3}, {4}",
        parameters.Target, parameters.Experiment, parameters.RunId, parameters.Output,
        parameters.Snapshot == null ? "live feeds" : $"snapshot {parameters.Snapshot}");
    return parameters;
});

Teardown(context =>
{
    // Setup may have failed before the parameters existed.
    var parameters = buildParameters;
    if (parameters == null)
    {
        return;
    }

    if (parameters.IsRunningOnGitHubActions && context.FileExists($"{parameters.Output}/runs/{parameters.RunId}/report/report.md"))
    {
        var summary = context.EnvironmentVariable("GITHUB_STEP_SUMMARY");
        if (!string.IsNullOrEmpty(summary))
        {
            System.IO.File.AppendAllText(summary, System.IO.File.ReadAllText($"{parameters.Output}/runs/{parameters.RunId}/report/report.md"));
        }
    }
});

///////////////////////////////////////////////////////////////////////////////
// HELPERS
///////////////////////////////////////////////////////////////////////////////

/// <summary>Runs `ipsml COMMAND --output OUTPUT [--cache CACHE] EXTRA…`: switches ("--run") as they are, every value quoted, so paths with spaces pass intact.</summary>
void Ipsml(BuildParameters p, string command, params string[] extra)
{
    var args = new ProcessArgumentBuilder()
        .Append(command)
        .AppendSwitchQuoted("--output", " ", p.Output);
    if (p.Cache != null)
    {
        args.AppendSwitchQuoted("--cache", " ", p.Cache);
    }

    foreach (var e in extra)
    {
        if (e.StartsWith("--", StringComparison.Ordinal))
        {
            args.Append(e);
        }
        else
        {
            args.AppendQuoted(e);
        }
    }

    DotNetExecute(p.Paths.IpsmlDll, args);
}

/// <summary>The model the run published (run.json "published"), or null when publish refused it or has not run.</summary>
PublishedModel RunPublished(ICakeContext context, BuildParameters p)
{
    var path = $"{p.Output}/runs/{p.RunId}/run.json";
    if (!context.FileExists(path))
    {
        return null;
    }

    using var json = System.Text.Json.JsonDocument.Parse(System.IO.File.ReadAllText(path));
    return json.RootElement.TryGetProperty("published", out var published) && published.ValueKind == System.Text.Json.JsonValueKind.Object
        ? new PublishedModel(published.GetProperty("name").GetString(), published.GetProperty("version").GetString(), published.GetProperty("dir").GetString())
        : null;
}

public sealed record PublishedModel(string Name, string Version, string Dir);

string[] StageArgs(BuildParameters p, params string[] extra)
{
    var args = new List<string> { "--run", p.RunId };
    if (p.Force)
    {
        args.Add("--force");
    }

    args.AddRange(extra);
    return args.ToArray();
}

///////////////////////////////////////////////////////////////////////////////
// TASKS
///////////////////////////////////////////////////////////////////////////////

Task("Clean")
    .Does<BuildParameters>(p => DotNetClean(p.Paths.Solution.FullPath, new DotNetCleanSettings { Configuration = p.Configuration }));

Task("Restore")
    .Does<BuildParameters>(p => DotNetRestore(p.Paths.Solution.FullPath));

Task("Build")
    .IsDependentOn("Restore")
    .Does<BuildParameters>(p => DotNetBuild(p.Paths.Solution.FullPath, new DotNetBuildSettings { Configuration = p.Configuration, NoRestore = true }));

Task("Test")
    .IsDependentOn("Build")
    .Does<BuildParameters>(p => DotNetTest(p.Paths.Solution.FullPath, new DotNetTestSettings { Configuration = p.Configuration, NoBuild = true, NoRestore = true }));

Task("Fetch")
    .IsDependentOn("Build")
    .Does<BuildParameters>(p =>
    {
        var extra = new List<string> { "--experiment", p.Experiment, "--feeds", p.Feeds };
        if (p.Snapshot != null)
        {
            extra.Add("--snapshot");
            extra.Add(p.Snapshot);
        }

        Ipsml(p, "fetch", StageArgs(p, extra.ToArray()));
    });

Task("Observations")
    .IsDependentOn("Fetch")
    .Does<BuildParameters>(p => Ipsml(p, "observations", StageArgs(p)));

Task("Dataset")
    .IsDependentOn("Observations")
    .Does<BuildParameters>(p => Ipsml(p, "dataset", StageArgs(p, p.GeoDir == null ? new string[0] : new[] { "--geo-dir", p.GeoDir })));

Task("Train")
    .IsDependentOn("Dataset")
    .Does<BuildParameters>(p => Ipsml(p, "train", StageArgs(p)));

Task("Evaluate")
    .IsDependentOn("Train")
    .Does<BuildParameters>(p => Ipsml(p, "evaluate", StageArgs(p)));

// The champion gate: the run's winner against the published champion; writes runs/RUN/gate.json, which the report
// shows and publish obeys (a failed gate is a decision, not a build failure).
Task("Gate")
    .IsDependentOn("Evaluate")
    .Does<BuildParameters>(p => Ipsml(p, "gate", "--run", p.RunId));

Task("Report")
    .IsDependentOn("Gate")
    .Does<BuildParameters>(p => Ipsml(p, "report", "--run", p.RunId));

// Publishes only what the gate passed ("not promoted: …" otherwise); --force-promote overrides, recorded in the manifest.
Task("Publish")
    .IsDependentOn("Gate")
    .IsDependentOn("Report")
    .WithCriteria<BuildParameters>((context, p) => p.ShouldPublish, "pull requests report but do not publish")
    .Does<BuildParameters>(p => Ipsml(p, "publish", p.ForcePromote ? new[] { "--run", p.RunId, "--force-promote" } : new[] { "--run", p.RunId }));

// The NuGet package of the model this run published: OUTPUT/packages/Ipsml.Model.NAME.VERSION.nupkg. Skipped, with
// the reason, when the gate refused the run (the Pack target still succeeds: a refusal is a decision, not a failure).
Task("PackModel")
    .IsDependentOn("Publish")
    .WithCriteria<BuildParameters>((context, p) => p.ShouldPublish, "pull requests report but do not publish or pack")
    .WithCriteria<BuildParameters>((context, p) => RunPublished(context, p) != null, "the champion gate did not promote this run's winner; nothing to pack")
    .Does<BuildParameters>(p =>
    {
        var model = RunPublished(Context, p);
        DotNetPack(p.Paths.ModelPackageProject.FullPath, new DotNetPackSettings
        {
            Configuration = p.Configuration,
            OutputDirectory = p.Paths.Packages,
            MSBuildSettings = new DotNetMSBuildSettings().WithProperty("ModelDir", MakeAbsolute(Directory(model.Dir)).FullPath),
        });
        Information("pack: Ipsml.Model.{0} {1} → {2}", model.Name, model.Version, p.Paths.Packages);
    });

///////////////////////////////////////////////////////////////////////////////
// TARGETS
///////////////////////////////////////////////////////////////////////////////

Task("Default")
    .IsDependentOn("Publish");

Task("Pack")
    .IsDependentOn("PackModel");

// What CI runs after the tests (.ci/run here, .github/workflows/retrain.yml on GitHub): the whole pipeline and the package.
Task("CI")
    .IsDependentOn("Pack");

///////////////////////////////////////////////////////////////////////////////
// EXECUTION
///////////////////////////////////////////////////////////////////////////////

RunTarget(Argument("target", "Default"));
