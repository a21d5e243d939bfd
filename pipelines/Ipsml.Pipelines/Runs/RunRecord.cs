using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Runs;

/// <summary><c>runs/RUN/run.json</c>: what one pipeline run was and which stage outputs it used.</summary>
public sealed record RunRecord
{
    [JsonPropertyName("id")]
    public required string Id { get; init; }

    [JsonPropertyName("experiment")]
    public required string Experiment { get; init; }

    /// <summary>Path of the experiment file as given.</summary>
    [JsonPropertyName("experimentFile")]
    public required string ExperimentFile { get; init; }

    [JsonPropertyName("experimentSha256")]
    public required string ExperimentSha256 { get; init; }

    [JsonPropertyName("seed")]
    public required int Seed { get; init; }

    [JsonPropertyName("created")]
    public required DateTimeOffset Created { get; init; }

    [JsonPropertyName("gitCommit")]
    public string? GitCommit { get; init; }

    [JsonPropertyName("codeVersion")]
    public required string CodeVersion { get; init; }

    /// <summary>Stage name → what ran (or was reused) for this run.</summary>
    [JsonPropertyName("stages")]
    public Dictionary<string, StageEntry> Stages { get; init; } = [];

    /// <summary>The run's Markdown report, once written.</summary>
    [JsonPropertyName("report")]
    public string? Report { get; set; }

    /// <summary>The model version this run published, once published.</summary>
    [JsonPropertyName("published")]
    public PublishedModel? Published { get; set; }

    /// <summary>Why publish did not promote this run's winner (the champion gate's failed checks), once refused.</summary>
    [JsonPropertyName("notPromoted")]
    public string? NotPromoted { get; set; }
}

/// <summary>Which artifact a run published.</summary>
public sealed record PublishedModel(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("dir")] string Dir);

/// <summary>One stage of a run: its key (the folder under stages/), whether it was reused, how long it took.</summary>
public sealed record StageEntry
{
    [JsonPropertyName("key")]
    public required string Key { get; init; }

    [JsonPropertyName("reused")]
    public required bool Reused { get; init; }

    [JsonPropertyName("seconds")]
    public required double Seconds { get; init; }

    [JsonPropertyName("finished")]
    public required DateTimeOffset Finished { get; init; }
}
