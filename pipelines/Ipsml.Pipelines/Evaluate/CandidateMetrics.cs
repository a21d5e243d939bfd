using System.Text.Json.Serialization;
using Ipsml.Training.Evaluation;

namespace Ipsml.Pipelines.Evaluate;

/// <summary>
/// One candidate's entry in <c>metrics.json</c>. <see cref="Quality"/> is a pure function of data, seed and code;
/// <see cref="Cost"/> holds measured times, which vary between runs.
/// </summary>
public sealed record CandidateMetrics
{
    [JsonPropertyName("candidate")]
    public required string Candidate { get; init; }

    [JsonPropertyName("kind")]
    public required string Kind { get; init; }

    [JsonPropertyName("quality")]
    public required QualityMetrics Quality { get; init; }

    [JsonPropertyName("cost")]
    public required CostMetrics Cost { get; init; }
}

public sealed record QualityMetrics
{
    /// <summary>Test split rows and labels.</summary>
    [JsonPropertyName("rows")]
    public required long Rows { get; init; }

    [JsonPropertyName("malicious")]
    public required long Malicious { get; init; }

    [JsonPropertyName("benign")]
    public required long Benign { get; init; }

    /// <summary>Chosen on the validation split.</summary>
    [JsonPropertyName("threshold")]
    public required double Threshold { get; init; }

    [JsonPropertyName("precision")]
    public required double Precision { get; init; }

    [JsonPropertyName("recall")]
    public required double Recall { get; init; }

    [JsonPropertyName("f1")]
    public required double F1 { get; init; }

    [JsonPropertyName("falsePositiveRate")]
    public required double FalsePositiveRate { get; init; }

    [JsonPropertyName("prAuc")]
    public required double PrAuc { get; init; }

    /// <summary>PR-AUC of a model with no skill: the share of malicious rows in the test split.</summary>
    [JsonPropertyName("prAucBaseline")]
    public required double PrAucBaseline { get; init; }

    [JsonPropertyName("rocAuc")]
    public required double RocAuc { get; init; }

    [JsonPropertyName("precisionAtRecall80")]
    public required double PrecisionAtRecall80 { get; init; }

    [JsonPropertyName("precisionAtRecall90")]
    public required double PrecisionAtRecall90 { get; init; }

    /// <summary>The same test rows re-weighted to the configured real-world prevalence.</summary>
    [JsonPropertyName("atPrevalence")]
    public required PrevalenceMetrics AtPrevalence { get; init; }

    [JsonPropertyName("calibration")]
    public required Calibration Calibration { get; init; }

    /// <summary>Precision, recall and PR-AUC of a model that calls every connection malicious, for comparison.</summary>
    [JsonPropertyName("allMalicious")]
    public required PrevalenceMetrics AllMalicious { get; init; }
}

public sealed record PrevalenceMetrics
{
    [JsonPropertyName("prevalence")]
    public required double Prevalence { get; init; }

    [JsonPropertyName("precision")]
    public required double Precision { get; init; }

    [JsonPropertyName("recall")]
    public required double Recall { get; init; }

    [JsonPropertyName("prAuc")]
    public required double PrAuc { get; init; }

    /// <summary>Alerts raised per 10,000 connections at the prevalence.</summary>
    [JsonPropertyName("alertsPer10k")]
    public required double AlertsPer10k { get; init; }

    /// <summary>Of those, alerts on benign connections.</summary>
    [JsonPropertyName("falseAlertsPer10k")]
    public required double FalseAlertsPer10k { get; init; }
}

public sealed record CostMetrics
{
    [JsonPropertyName("sizeBytes")]
    public required long SizeBytes { get; init; }

    [JsonPropertyName("trainingSeconds")]
    public required double TrainingSeconds { get; init; }

    /// <summary>Rows per second scoring the test split in one batch.</summary>
    [JsonPropertyName("scoringRowsPerSecond")]
    public required double ScoringRowsPerSecond { get; init; }

    /// <summary>Median time to score one row alone.</summary>
    [JsonPropertyName("latencyMicroseconds")]
    public required double LatencyMicroseconds { get; init; }
}

/// <summary><c>metrics.json</c>: every candidate on the same test split, and the winner by the experiment's metric.</summary>
public sealed record EvaluationReport
{
    [JsonPropertyName("metric")]
    public required string Metric { get; init; }

    [JsonPropertyName("prevalence")]
    public required double Prevalence { get; init; }

    [JsonPropertyName("thresholdRule")]
    public required string ThresholdRule { get; init; }

    [JsonPropertyName("winner")]
    public required string Winner { get; init; }

    /// <summary>Every candidate on the group split's test rows; the winner is picked among these.</summary>
    [JsonPropertyName("candidates")]
    public required IReadOnlyList<CandidateMetrics> Candidates { get; init; }

    /// <summary>Every candidate trained on older and tested on newer observations (the temporal holdout); empty when off.</summary>
    [JsonPropertyName("temporal")]
    public IReadOnlyList<CandidateMetrics> Temporal { get; init; } = [];

    public CandidateMetrics Get(string candidate) =>
        Candidates.FirstOrDefault(c => c.Candidate == candidate) ?? throw new KeyNotFoundException($"no candidate '{candidate}' in metrics");

    public static double Value(QualityMetrics q, string metric) => metric switch
    {
        "prAucAtPrevalence" => q.AtPrevalence.PrAuc,
        "prAuc" => q.PrAuc,
        "rocAuc" => q.RocAuc,
        "f1" => q.F1,
        "precisionAtRecall80" => q.PrecisionAtRecall80,
        "precisionAtRecall90" => q.PrecisionAtRecall90,
        _ => throw new ArgumentException($"unknown metric '{metric}'"),
    };
}
