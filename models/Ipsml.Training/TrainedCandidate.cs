using System.Text.Json.Nodes;

namespace Ipsml.Training;

/// <summary>A candidate after training: its saved model folder (loadable by Ipsml.Scoring.ModelLoader) and what it cost.</summary>
/// <param name="Details">Kind-specific facts for the report (e.g. AutoML trials, MLP epochs).</param>
public sealed record TrainedCandidate(string Name, string Kind, string ModelDir, double TrainingSeconds, long SizeBytes, JsonObject Details);
