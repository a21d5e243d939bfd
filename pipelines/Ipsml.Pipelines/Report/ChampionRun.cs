using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// The published model this run is measured against and, when its run folder is still in this output folder, what
/// that run's stages recorded (so the report can show how the data changed since).
/// </summary>
/// <param name="Name">Model name (<c>models/NAME/</c>).</param>
/// <param name="Version">Published version.</param>
/// <param name="Source">How it was chosen: the gate decision, or the latest published version when there is none.</param>
/// <param name="RunId">The run that produced it (from its manifest), when recorded.</param>
/// <param name="Facts">That run's stage outputs, when the run and its stage folders are available locally.</param>
/// <param name="Missing">Why <paramref name="Facts"/> is null.</param>
public sealed record ChampionRun(string Name, string Version, string Source, string? RunId, RunFacts? Facts, string? Missing)
{
    public const string FromGate = "named by the gate decision";
    public const string FromLatest = "the latest published version; there is no gate decision";

    /// <summary>
    /// The gate's champion, or without a gate decision the latest published version of <paramref name="modelName"/>
    /// unless this run made it; null when there is no champion.
    /// </summary>
    public static ChampionRun? Find(RunLayout layout, RunRecord run, GateDecision? gate, string modelName)
    {
        string name, version, source;
        if (gate is not null)
        {
            if (gate.ChampionVersion is not { Length: > 0 } champion)
            {
                return null;
            }

            (name, version) = ParseVersion(champion, modelName);
            source = FromGate;
        }
        else
        {
            if (layout.LatestVersion(modelName) is not { } latest)
            {
                return null;
            }

            (name, version, source) = (modelName, latest, FromLatest);
        }

        var dir = layout.ModelVersionDir(name, version);
        if (!File.Exists(Path.Combine(dir, ArtifactFiles.Manifest)))
        {
            return new ChampionRun(name, version, source, null, null, $"{dir} is not in this output folder");
        }

        ArtifactManifest manifest;
        try
        {
            manifest = ModelArtifact.ReadManifest(dir);
        }
        catch (Exception e) when (e is IOException or ArtifactException or System.Text.Json.JsonException)
        {
            return new ChampionRun(name, version, source, null, null, $"its manifest cannot be read ({e.Message})");
        }

        if (gate is null && manifest.RunId == run.Id)
        {
            return null; // this run is already the latest version: nothing to compare against
        }

        if (manifest.RunId is not { } runId)
        {
            return new ChampionRun(name, version, source, null, null, "its manifest names no run");
        }

        if (!File.Exists(layout.RunRecordPath(runId)))
        {
            return new ChampionRun(name, version, source, runId, null, $"run {runId} is not in {layout.RunsDir}");
        }

        try
        {
            var facts = RunFacts.Load(layout, new RunStore(layout).Load(runId));
            return new ChampionRun(name, version, source, runId, facts, null);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            return new ChampionRun(name, version, source, runId, null, $"run {runId}'s stage outputs cannot be read ({e.Message})");
        }
    }

    /// <summary>"NAME/VERSION", "NAME VERSION", "NAME@VERSION" or a bare "VERSION" (then the name is this run's model name).</summary>
    public static (string Name, string Version) ParseVersion(string champion, string modelName)
    {
        var parts = champion.Split(['/', ' ', '@', ':'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length >= 2 ? (parts[^2], parts[^1]) : (modelName, champion.Trim());
    }
}
