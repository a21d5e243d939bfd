using System.Text.Json;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Train;

namespace Ipsml.Pipelines.Report;

/// <summary>Everything a run's stages recorded, read back from their declared outputs (reports never recompute).</summary>
public sealed record RunFacts(
    RunRecord Run,
    FetchedSources Sources,
    FeedRegistry Registry,
    ObservationsSummary Observations,
    DatasetSummary Dataset,
    IReadOnlyList<CandidateSummary> Candidates,
    EvaluationReport Metrics)
{
    public static RunFacts Load(RunLayout layout, RunRecord run)
    {
        var fetch = layout.Fetch(RunStore.UpstreamKey(run, StageNames.Fetch));
        return new RunFacts(
            run,
            Read<FetchedSources>(fetch.Sources),
            FeedRegistry.Load(fetch.Registry),
            Read<ObservationsSummary>(layout.Observations(RunStore.UpstreamKey(run, StageNames.Observations)).Summary),
            Read<DatasetSummary>(layout.Dataset(RunStore.UpstreamKey(run, StageNames.Dataset)).Summary),
            Read<List<CandidateSummary>>(layout.Train(RunStore.UpstreamKey(run, StageNames.Train)).Summary),
            Read<EvaluationReport>(layout.Evaluate(RunStore.UpstreamKey(run, StageNames.Evaluate)).Metrics));
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path)) ?? throw new InvalidDataException($"{path}: empty");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }
    }
}
