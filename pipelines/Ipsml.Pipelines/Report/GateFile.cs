using System.Text.Json;
using Ipsml.Pipelines.Gate;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Report;

/// <summary>Reads <c>runs/RUN/gate.json</c>, the gate step's decision; a run without one has no gate decision yet.</summary>
public static class GateFile
{
    public static string PathFor(RunLayout layout, string runId) => Path.Combine(layout.RunDir(runId), GateDecision.FileName);

    /// <summary>The decision, or null when the gate has not run; a malformed file is refused naming the file and line.</summary>
    public static GateDecision? Read(RunLayout layout, string runId)
    {
        var path = PathFor(layout, runId);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<GateDecision>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }
    }
}
