using System.Text.Json.Nodes;
using Ipsml.Training.Search;
using Microsoft.ML;

namespace Ipsml.Training.Candidates;

/// <summary>
/// The search log as <see cref="TrainedCandidate.Details"/>: <c>{"metric", "budget", "trials": [...], "best"}</c>.
/// Every trial carries trainer, parameters, rung, rows, metric (null when it failed), seconds, sizeBytes (its model
/// zip measured in memory), whether it went on to the next rung, and the error if any. Seconds are wall-clock
/// and so differ between runs; everything else is fixed by data, seed and settings when the trial budget binds.
/// </summary>
internal static class AutoMlDetails
{
    public static JsonObject Build(AutoMlSettings settings, SearchResult<ITransformer> search, FinalModel final)
    {
        var promoted = search.Trials
            .Where(t => t.Rung > 0)
            .Select(t => (t.Rung - 1, t.Configuration))
            .ToHashSet();
        var trials = new JsonArray();
        foreach (var t in search.Trials)
        {
            var trial = new JsonObject
            {
                ["trial"] = t.Index,
                ["rung"] = t.Rung,
                ["rows"] = t.Rows,
                ["trainer"] = t.Configuration.Trainer,
                ["parameters"] = Describe(t.Configuration),
                ["metric"] = Number(t.Metric),
                ["seconds"] = Math.Round(t.Seconds, 3),
                ["sizeBytes"] = t.SizeBytes,
                ["promoted"] = promoted.Contains((t.Rung, t.Configuration)),
            };
            if (t.Error is not null)
            {
                trial["error"] = t.Error;
            }

            trials.Add(trial);
        }

        return new JsonObject
        {
            ["metric"] = settings.Metric,
            ["budget"] = new JsonObject
            {
                ["maxTrials"] = settings.MaxTrials,
                ["maxSeconds"] = settings.MaxSeconds,
                ["eta"] = settings.Eta,
                ["minRows"] = settings.MinRows,
                ["trainers"] = settings.Used[AutoMlSettings.TrainersKey]!.DeepClone(),
                ["plannedTrials"] = search.Plan.Trials,
                ["rungs"] = new JsonArray([.. search.Plan.Rungs.Select(r => new JsonObject { ["rung"] = r.Index, ["configurations"] = r.Configurations, ["rows"] = r.Rows })]),
                ["trialsRun"] = search.Trials.Count,
                ["failedTrials"] = search.Trials.Count(t => !t.Succeeded),
                ["searchSeconds"] = Math.Round(search.Seconds, 3),
                ["stoppedBy"] = search.StoppedBy switch
                {
                    SearchStop.Trials => "trials",
                    SearchStop.Time => "time",
                    _ => "failures",
                },
            },
            ["trials"] = trials,
            ["best"] = new JsonObject
            {
                ["trial"] = search.Best.Index,
                ["rung"] = search.Best.Rung,
                ["trainer"] = search.Best.Configuration.Trainer,
                ["parameters"] = Describe(search.Best.Configuration),
                ["rows"] = final.Rows,
                ["metric"] = Number(final.Metric),
                ["retrained"] = final.Retrained,
                ["seconds"] = Math.Round(final.Seconds, 3),
                ["sizeBytes"] = final.ZipBytes,
            },
        };
    }

    public static JsonObject Describe(SearchConfiguration configuration) =>
        AutoMlLearners.Find(configuration.Trainer)!.Space.Describe(configuration);

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>The model that was saved: trained on how many rows, its validation metric, whether it was re-trained on all rows after the search, and its zip size on disk.</summary>
    public sealed record FinalModel(int Rows, double Metric, bool Retrained, double Seconds, long ZipBytes);
}
