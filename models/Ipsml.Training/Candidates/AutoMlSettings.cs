using System.Text.Json.Nodes;
using Ipsml.Training.Search;

namespace Ipsml.Training.Candidates;

/// <summary>
/// The AutoML candidate's parameters, read and checked: <c>maxTrials</c> (24), <c>maxSeconds</c> (120),
/// <c>trainers</c> (a list of names, or one comma-separated string; default all), <c>metric</c> ("prAuc", "rocAuc" or "prAucAtPrevalence" with <c>prevalence</c>, 0.01),
/// <c>eta</c> (3) and <c>minRows</c> (2000). Unknown keys, unknown trainers and repeated trainers are refused by name.
/// </summary>
internal sealed record AutoMlSettings(IReadOnlyList<AutoMlLearner> Learners, string Metric, double Prevalence, int MaxTrials, double MaxSeconds, int Eta, int MinRows, JsonObject Used)
{
    public const string TrainersKey = "trainers";

    public static AutoMlSettings Read(CandidateSpec spec)
    {
        // Round-trip through text so values behave exactly as when read from an experiment file (120 reads as a double too).
        var values = JsonNode.Parse(spec.Parameters.ToJsonString())!.AsObject();
        if (values.TryGetPropertyValue(TrainersKey, out var listed) && listed is not null)
        {
            values[TrainersKey] = TrainerList(spec.Name, listed);
        }

        var p = new Parameters(spec.Name, values);
        var names = p.String(TrainersKey, string.Join(",", AutoMlLearners.Names));
        var maxTrials = p.Int("maxTrials", 24, 1, 10_000);
        var maxSeconds = p.Double("maxSeconds", 120, 0, 1e7);
        var metric = p.String("metric", SearchMetric.PrAuc, [.. SearchMetric.Names]);
        var prevalence = p.Double("prevalence", 0.01, 1e-6, 0.999999);
        var eta = p.Int("eta", 3, 2, 10);
        var minRows = p.Int("minRows", 2000, 1);
        p.EnsureAllRead();

        var learners = ReadLearners(spec.Name, names);
        p.Used[TrainersKey] = new JsonArray([.. learners.Select(l => JsonValue.Create(l.Name))]);
        return new AutoMlSettings(learners, metric, prevalence, maxTrials, maxSeconds, eta, minRows, p.Used);
    }

    private static string TrainerList(string candidate, JsonNode node)
    {
        if (node is JsonArray array)
        {
            return array.All(n => n is JsonValue v && v.TryGetValue<string>(out _))
                ? string.Join(",", array.Select(n => n!.GetValue<string>()))
                : throw new ArgumentException($"candidate '{candidate}': parameter '{TrainersKey}': {node.ToJsonString()} is not a list of trainer names");
        }

        return node is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new ArgumentException($"candidate '{candidate}': parameter '{TrainersKey}': {node.ToJsonString()} is not a list of trainer names");
    }

    private static List<AutoMlLearner> ReadLearners(string candidate, string names)
    {
        if (string.IsNullOrWhiteSpace(names))
        {
            throw new ArgumentException($"candidate '{candidate}': parameter '{TrainersKey}': needs at least one trainer; known: {string.Join(", ", AutoMlLearners.Names)}");
        }

        var learners = new List<AutoMlLearner>();
        foreach (var name in names.Split(',', StringSplitOptions.TrimEntries))
        {
            var learner = AutoMlLearners.Find(name)
                ?? throw new ArgumentException($"candidate '{candidate}': parameter '{TrainersKey}': unknown trainer '{name}'; known: {string.Join(", ", AutoMlLearners.Names)}");
            if (learners.Contains(learner))
            {
                throw new ArgumentException($"candidate '{candidate}': parameter '{TrainersKey}': trainer '{name}' is listed twice");
            }

            learners.Add(learner);
        }

        return learners;
    }
}
