using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Publish;

/// <summary>
/// publish: the evaluation's winner becomes an immutable, versioned artifact under <c>models/NAME/VERSION/</c>
/// (model, vocabulary, manifest, model card, SHA256SUMS), written atomically; <c>models/NAME/LATEST</c> then names
/// it. Versions are <c>SCHEMA-MAJOR.0.N</c>. A run whose winner is already the latest version is not published twice.
/// </summary>
public sealed class PublishStage(RunLayout layout, IPipelineLog log)
{
    public PublishResult Run(RunRecord run, PublishOptions options, DateTimeOffset? now = null)
    {
        var facts = RunFacts.Load(layout, run);
        var winner = facts.Metrics.Get(facts.Metrics.Winner);
        var stageKeys = run.Stages.Where(kv => kv.Key != StageNames.Publish).ToDictionary(kv => kv.Key, kv => kv.Value.Key);

        if (LatestVersion(options.Name) is { } latest)
        {
            var existing = ModelArtifact.ReadManifest(layout.ModelVersionDir(options.Name, latest));
            if (existing.Candidate == winner.Candidate && existing.Stages.TryGetValue(StageNames.Train, out var t) && t == stageKeys[StageNames.Train])
            {
                log.Info($"publish: {options.Name} {latest} already holds this run's winner ({winner.Candidate}); nothing new to publish");
                return new PublishResult(options.Name, latest, layout.ModelVersionDir(options.Name, latest), Published: false);
            }
        }

        var version = NextVersion(options.Name);
        var trainDir = layout.Train(stageKeys[StageNames.Train]);
        var modelDir = trainDir.CandidateDir(SplitSchemes.Group, winner.Candidate);
        var description = Scoring.ModelDescription.Load(modelDir);
        var manifest = new ArtifactManifest
        {
            Name = options.Name,
            Version = version,
            Created = now ?? DateTimeOffset.UtcNow,
            GitCommit = run.GitCommit,
            Experiment = run.Experiment,
            RunId = run.Id,
            Candidate = winner.Candidate,
            Kind = description.Kind,
            Features = new FeatureSchemaRef(FeatureSchema.Version, description.Columns),
            Geo = facts.Dataset.Geo,
            Data = [.. facts.Sources.Feeds.SelectMany(f => f.Files.Select(file => new DataSnapshotRef(f.Feed, file.Origin, file.Sha256)))],
            Threshold = winner.Quality.Threshold,
            Metrics = JsonSerializer.SerializeToNode(winner)!.AsObject(),
            Stages = stageKeys,
        };
        var vocabulary = FeatureVocabulary.Load(layout.Dataset(stageKeys[StageNames.Dataset]).Vocabulary);
        var target = layout.ModelVersionDir(options.Name, version);
        ArtifactWriter.Write(target, manifest, vocabulary, modelDir, ModelCard.Render(manifest, facts));
        AtomicFile.WriteAllText(layout.LatestModelPointer(options.Name), version + "\n");
        log.Info($"publish: {options.Name} {version} ({winner.Candidate}) → {target}");
        return new PublishResult(options.Name, version, target, Published: true);
    }

    /// <summary>The version models/NAME/LATEST names, or null before the first publish.</summary>
    public string? LatestVersion(string name)
    {
        var pointer = layout.LatestModelPointer(name);
        return File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
    }

    private string NextVersion(string name)
    {
        var prefix = $"{FeatureSchema.Major}.0.";
        var dir = layout.ModelDir(name);
        var highest = !Directory.Exists(dir)
            ? 0
            : Directory.EnumerateDirectories(dir)
                .Select(Path.GetFileName)
                .Where(n => n!.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(n[prefix.Length..], out _))
                .Select(n => int.Parse(n![prefix.Length..]))
                .DefaultIfEmpty(0)
                .Max();
        return prefix + (highest + 1);
    }
}

public sealed record PublishResult(string Name, string Version, string Dir, bool Published);
