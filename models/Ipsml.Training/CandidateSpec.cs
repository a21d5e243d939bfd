using System.Text.Json.Nodes;

namespace Ipsml.Training;

/// <summary>One candidate as named in an experiment file's <c>train.candidates</c>.</summary>
/// <param name="Name">Unique within the experiment; names the candidate's folder and report rows.</param>
/// <param name="Kind">Trainer kind, e.g. "random-forest" (see <see cref="CandidateTrainers"/>).</param>
/// <param name="Columns">Feature columns the model reads.</param>
/// <param name="Parameters">Trainer parameters; unknown keys are refused by the trainer.</param>
/// <param name="Seed">The experiment seed.</param>
public sealed record CandidateSpec(string Name, string Kind, IReadOnlyList<string> Columns, JsonObject Parameters, int Seed);
