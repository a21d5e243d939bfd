using System.Text.Json;
using Ipsml.Features;
using Ipsml.Onnx;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring.Artifacts;
using Ipsml.Scoring.Onnx;

namespace Ipsml.Pipelines.Publish;

/// <summary>
/// publish: the evaluation's winner becomes an immutable, versioned artifact under <c>models/NAME/VERSION/</c>
/// (model, ONNX export, vocabulary, manifest, model card, SHA256SUMS), written atomically; <c>models/NAME/LATEST</c>
/// then names it. Versions are <c>SCHEMA-MAJOR.0.N</c>. Publish obeys the run's champion gate
/// (<c>runs/RUN/gate.json</c>): a winner the gate refused is not promoted unless forced, and the forcing is
/// recorded in the manifest. A run whose winner is already the latest version is not published twice.
/// </summary>
public sealed class PublishStage(RunLayout layout, IPipelineLog log)
{
    /// <param name="forcePromote">Publish even when the gate failed (the manifest and model card then carry a warning).</param>
    public PublishResult Run(RunRecord run, PublishOptions options, bool forcePromote = false, DateTimeOffset? now = null)
    {
        options.Validate();
        var facts = RunFacts.Load(layout, run);
        var winner = facts.Metrics.Get(facts.Metrics.Winner);
        var stageKeys = run.Stages.Where(kv => kv.Key != StageNames.Publish).ToDictionary(kv => kv.Key, kv => kv.Value.Key);

        var latest = LatestVersion(layout, options.Name);
        if (latest is not null)
        {
            var existing = ModelArtifact.ReadManifest(layout.ModelVersionDir(options.Name, latest));
            if (existing.Candidate == winner.Candidate && existing.Stages.TryGetValue(StageNames.Train, out var t) && t == stageKeys[StageNames.Train])
            {
                log.Info($"publish: {options.Name} {latest} already holds this run's winner ({winner.Candidate}); nothing new to publish");
                return new PublishResult(options.Name, latest, layout.ModelVersionDir(options.Name, latest), Published: false);
            }
        }

        var gate = ReadGate(run, winner.Candidate, latest, stageKeys[StageNames.Evaluate]);
        if (!gate.Passed && !forcePromote)
        {
            log.Info($"publish: not promoted: {gate.Reasons}");
            return new PublishResult(options.Name, null, null, Published: false, NotPromoted: gate.Reasons);
        }

        ArtifactPromotion promotion = new()
        {
            GatePassed = gate.Passed,
            Forced = !gate.Passed,
            Champion = gate.ChampionVersion,
            Checks = [.. gate.Checks.Select(c => $"{(c.Passed ? "pass" : "FAIL")}: {c.Name}: {c.Detail}")],
            Warning = gate.Passed ? null : $"promoted with --force-promote although the champion gate failed: {gate.Reasons}",
        };
        if (promotion.Warning is { } warning)
        {
            log.Warn($"publish: {warning}");
        }

        var version = NextVersion(options.Name);
        var trainDir = layout.Train(stageKeys[StageNames.Train]);
        var modelDir = trainDir.CandidateDir(SplitSchemes.Group, winner.Candidate);
        var description = Scoring.ModelDescription.Load(modelDir);
        var split = new RunStore(layout).Experiment(run).Bind<DatasetOptions>("dataset").Split;
        var datasetFiles = layout.Dataset(stageKeys[StageNames.Dataset]);
        var vocabulary = FeatureVocabulary.Load(datasetFiles.Vocabulary);

        // The model folder is staged so the ONNX export can be written beside it and land in model/ with the rest.
        var staging = Path.Combine(Path.GetTempPath(), $"ipsml-publish-{Guid.NewGuid():N}");
        try
        {
            CopyDirectory(modelDir, staging);
            var onnx = Export(options, winner.Candidate, description.Kind, staging, datasetFiles.Test, vocabulary);
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
                Split = SplitRecord(split, run.Seed),
                Onnx = onnx,
                Promotion = promotion,
            };
            var target = layout.ModelVersionDir(options.Name, version);
            ArtifactWriter.Write(target, manifest, vocabulary, staging, ModelCard.Render(manifest, facts));
            AtomicFile.WriteAllText(layout.LatestModelPointer(options.Name), version + "\n");
            log.Info($"publish: {options.Name} {version} ({winner.Candidate}) → {target}");
            return new PublishResult(options.Name, version, target, Published: true, Forced: promotion.Forced);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>The group split the winner was trained, chosen and tested on, as the manifest records it for later gates.</summary>
    public static ArtifactSplit SplitRecord(SplitOptions split, int seed) =>
        new() { Scheme = SplitSchemes.Group, Group = split.Group, Train = split.Train, Valid = split.Valid, Seed = seed };

    /// <summary>The version models/NAME/LATEST names, or null before the first publish.</summary>
    public string? LatestVersion(string name) => LatestVersion(layout, name);

    /// <summary>The version models/NAME/LATEST names in <paramref name="layout"/>, or null before the first publish.</summary>
    public static string? LatestVersion(RunLayout layout, string name) => layout.LatestVersion(name);

    /// <summary>The run's gate decision, refused when missing or made for another winner, metrics or champion.</summary>
    private GateDecision ReadGate(RunRecord run, string winner, string? latest, string evaluateKey)
    {
        var path = GateDecision.PathFor(layout, run.Id);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path}: missing; run 'ipsml gate --run {run.Id}' before publishing");
        }

        var gate = GateDecision.Load(path);
        if (gate.Candidate != winner || (gate.EvaluateKey is { } key && key != evaluateKey))
        {
            throw new InvalidOperationException($"{path}: the gate judged '{gate.Candidate}' from other metrics than this run's winner '{winner}'; run 'ipsml gate --run {run.Id}' again");
        }

        if (gate.ChampionVersion != latest)
        {
            throw new InvalidOperationException($"{path}: the gate compared with champion {gate.ChampionVersion ?? "(none)"} but the latest version is now {latest ?? "(none)"}; run 'ipsml gate --run {run.Id}' again");
        }

        return gate;
    }

    /// <summary>model/model.onnx, verified on the test split's rows (encoded with this model's vocabulary) and the edge rows; null when turned off.</summary>
    private OnnxModelInfo? Export(PublishOptions options, string candidate, string kind, string modelDir, string testSplit, FeatureVocabulary vocabulary)
    {
        if (!options.Onnx)
        {
            log.Info("publish: ONNX export turned off (publish.onnx = false)");
            return null;
        }

        var encoder = new FeatureEncoder(vocabulary);
        var rows = DatasetRow.ReadAll(testSplit).Select(r => encoder.Encode(r.Features, r.Malicious)).Concat(OnnxExporter.EdgeRows(vocabulary)).ToList();
        OnnxModelInfo info;
        try
        {
            info = OnnxExporter.Export(modelDir, rows);
        }
        catch (OnnxExportException e)
        {
            throw new OnnxExportException($"publish {options.Name} ({candidate}, kind '{kind}'): ONNX export failed, nothing was published: {e.Message}. Set publish.onnx to false to publish without ONNX.", e);
        }

        log.Info($"publish: ONNX export ({info.Producer}, opset {info.Opset}) agrees with the native runtime on {info.Verification.Rows:N0} rows, max |difference| {info.Verification.MaxAbsDifference:G3}");
        return info with { File = $"{ArtifactFiles.ModelDir}/{info.File}" };
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var dest = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(dest)!);
            File.Copy(file, dest);
        }
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

/// <summary>What publish did: a new version, the existing one (already published), or nothing (not promoted, with the gate's reasons).</summary>
public sealed record PublishResult(string Name, string? Version, string? Dir, bool Published, string? NotPromoted = null, bool Forced = false);
