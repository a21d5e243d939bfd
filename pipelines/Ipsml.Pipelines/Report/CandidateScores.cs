namespace Ipsml.Pipelines.Report;

/// <summary>A candidate's test-split labels and probabilities, read from the evaluate stage's predictions file.</summary>
public sealed record CandidateScores(string Candidate, bool[] Labels, float[] Scores);
