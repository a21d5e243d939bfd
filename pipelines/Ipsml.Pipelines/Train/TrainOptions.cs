using System.Text.Json.Nodes;

namespace Ipsml.Pipelines.Train;

/// <summary>The <c>train</c> section of an experiment file.</summary>
public sealed class TrainOptions
{
    public List<CandidateOptions> Candidates { get; set; } = [];

    /// <summary>
    /// "balanced" (default): benign training rows are weighted so both labels weigh the same in total, because the
    /// feeds give far more malicious addresses than the benign side gives benign ones; "none": every row weighs 1.
    /// Validation and test rows are never weighted.
    /// </summary>
    public string ClassWeights { get; set; } = "balanced";

    /// <summary>Also train every candidate on the temporal holdout (older → newer), so the report can compare both splits.</summary>
    public bool Temporal { get; set; } = true;

    public static readonly IReadOnlySet<string> ClassWeightRules = new HashSet<string> { "balanced", "none" };
}

public sealed class CandidateOptions
{
    /// <summary>Unique, kebab-case.</summary>
    public string Name { get; set; } = "";

    /// <summary>Trainer kind (see Ipsml.Training.CandidateTrainers).</summary>
    public string Kind { get; set; } = "";

    /// <summary>Feature columns; null = the default csirtg set (hour, latitude, longitude, time zone, country, ASN).</summary>
    public List<string>? Columns { get; set; }

    public JsonObject Parameters { get; set; } = [];
}
