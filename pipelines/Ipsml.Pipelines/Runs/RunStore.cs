using System.Diagnostics;
using System.Text.Json;
using Ipsml.Pipelines.Experiments;

namespace Ipsml.Pipelines.Runs;

/// <summary>Creates, finds and updates run records; every write is atomic (temp file + rename).</summary>
public sealed class RunStore(RunLayout layout)
{
    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>
    /// Starts a run for an experiment once its fetch stage has succeeded: a new id (or <paramref name="runId"/>),
    /// run.json with the fetch stage recorded, a copy of the experiment file, and last runs/LATEST. A failed fetch
    /// therefore never leaves an empty run behind nor moves LATEST. Call <see cref="CheckNewRun"/> before fetching
    /// to refuse a clashing run id early.
    /// </summary>
    public RunRecord Create(Experiment experiment, StageOutcome fetch, string? runId = null, DateTimeOffset? now = null)
    {
        var created = now ?? DateTimeOffset.UtcNow;
        var id = runId ?? NewId(experiment.Name, created);
        CheckNewRun(experiment, id);
        RunRecord record;
        if (File.Exists(layout.RunRecordPath(id)))
        {
            record = Load(id);
        }
        else
        {
            record = new RunRecord
            {
                Id = id,
                Experiment = experiment.Name,
                ExperimentFile = experiment.Path,
                ExperimentSha256 = experiment.Sha256,
                Seed = experiment.Seed,
                Created = created,
                GitCommit = GitCommit(),
                CodeVersion = CodeVersion.Current,
            };
            Directory.CreateDirectory(layout.RunDir(id));
            File.Copy(experiment.Path, layout.RunExperimentPath(id), overwrite: true);
        }

        record.Stages[StageNames.Fetch] = Entry(fetch);
        Save(record);
        WriteLatest(id);
        return record;
    }

    /// <summary>Refuses a run id that is malformed or already names a run made with another experiment file.</summary>
    public void CheckNewRun(Experiment experiment, string? runId)
    {
        if (runId is null)
        {
            return;
        }

        RunIds.Validate(runId);
        if (File.Exists(layout.RunRecordPath(runId)) && Load(runId) is { } existing && existing.ExperimentSha256 != experiment.Sha256)
        {
            throw new InvalidOperationException($"{layout.RunRecordPath(runId)}: run '{runId}' was made with another experiment file ({existing.ExperimentFile}); choose a new run id");
        }
    }

    /// <summary>Loads a run by id; null or "latest" means the newest run (runs/LATEST).</summary>
    public RunRecord Load(string? id = null)
    {
        id = Resolve(id);
        var path = layout.RunRecordPath(id);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path}: no such run '{id}'");
        }

        try
        {
            return JsonSerializer.Deserialize<RunRecord>(File.ReadAllText(path), JsonOptions)
                ?? throw new InvalidDataException($"{path}: empty run record");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }
    }

    public string Resolve(string? id)
    {
        if (id is not null && !id.Equals("latest", StringComparison.OrdinalIgnoreCase))
        {
            return id;
        }

        if (!File.Exists(layout.LatestRunPointer))
        {
            throw new InvalidOperationException($"{layout.LatestRunPointer}: no run yet under {layout.Root}; start one with 'ipsml fetch' (or run the whole pipeline)");
        }

        return File.ReadAllText(layout.LatestRunPointer).Trim();
    }

    /// <summary>The run's copy of its experiment.</summary>
    public Experiment Experiment(RunRecord run) => Experiments.Experiment.Load(layout.RunExperimentPath(run.Id));

    public void Save(RunRecord record) =>
        AtomicFile.WriteAllText(layout.RunRecordPath(record.Id), JsonSerializer.Serialize(record, JsonOptions));

    /// <summary>Records a finished stage in the run.</summary>
    public RunRecord RecordStage(string runId, string stage, StageOutcome outcome)
    {
        var record = Load(runId);
        record.Stages[stage] = Entry(outcome);
        Save(record);
        return record;
    }

    private static StageEntry Entry(StageOutcome outcome) =>
        new() { Key = outcome.Key, Reused = outcome.Reused, Seconds = outcome.Seconds, Finished = DateTimeOffset.UtcNow };

    /// <summary>The key of an upstream stage in a run, or a clear error saying which stage to run first.</summary>
    public static string UpstreamKey(RunRecord run, string stage) =>
        run.Stages.TryGetValue(stage, out var entry)
            ? entry.Key
            : throw new InvalidOperationException($"run '{run.Id}' has no '{stage}' stage yet; run 'ipsml {stage}' first");

    public IReadOnlyList<RunRecord> List() =>
        !Directory.Exists(layout.RunsDir)
            ? []
            : [.. Directory.EnumerateDirectories(layout.RunsDir)
                .Where(d => File.Exists(Path.Combine(d, "run.json")))
                .Select(d => Load(Path.GetFileName(d)))
                .OrderBy(r => r.Created)
                .ThenBy(r => r.Id, StringComparer.Ordinal)];

    private void WriteLatest(string id) => AtomicFile.WriteAllText(layout.LatestRunPointer, id + "\n");

    private string NewId(string experiment, DateTimeOffset created)
    {
        var stem = $"{created.UtcDateTime:yyyyMMdd-HHmmss}-{experiment}";
        var id = stem;
        for (var n = 2; Directory.Exists(layout.RunDir(id)); n++)
        {
            id = $"{stem}-{n}";
        }

        return id;
    }

    /// <summary>The commit of the working directory's git checkout, "+dirty" when it has changes; null outside git.</summary>
    public static string? GitCommit()
    {
        try
        {
            var head = RunGit("rev-parse HEAD");
            if (head is null)
            {
                return null;
            }

            var dirty = RunGit("status --porcelain --untracked-files=no");
            return string.IsNullOrEmpty(dirty) ? head : head + "+dirty";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }

    private static string? RunGit(string args)
    {
        var psi = new ProcessStartInfo("git", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var p = Process.Start(psi);
        if (p is null)
        {
            return null;
        }

        var output = p.StandardOutput.ReadToEnd().Trim();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : null;
    }
}
