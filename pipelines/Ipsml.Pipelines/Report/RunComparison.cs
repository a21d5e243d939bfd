using System.Text.Json.Nodes;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Two runs' metrics.json side by side (<c>ipsml experiments compare A B</c>): every number of every candidate the
/// two runs share, on the group split and on the temporal holdout, read straight from the files so the values are
/// exactly theirs. Calibration bins and the everything-malicious baseline are left out (not a candidate's quality).
/// </summary>
public sealed record RunComparison(
    string RunA,
    string RunB,
    IReadOnlyList<MetricComparison> Rows,
    IReadOnlyList<string> OnlyInA,
    IReadOnlyList<string> OnlyInB)
{
    public const string GroupKey = "candidates";
    public const string TemporalKey = "temporal";

    private static readonly HashSet<string> Skipped = new(["quality.calibration.bins", "quality.allMalicious", "quality.atPrevalence.prevalence"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Loads both runs' metrics.json (the evaluate stage each run recorded) and compares them.</summary>
    public static RunComparison Load(RunLayout layout, string runA, string runB)
    {
        var store = new RunStore(layout);
        var a = store.Load(runA);
        var b = store.Load(runB);
        return Compare(a.Id, ReadMetrics(layout, a), b.Id, ReadMetrics(layout, b));
    }

    public static string MetricsPath(RunLayout layout, RunRecord run) => layout.Evaluate(RunStore.UpstreamKey(run, StageNames.Evaluate)).Metrics;

    public static RunComparison Compare(string runA, JsonObject a, string runB, JsonObject b)
    {
        var rows = new List<MetricComparison>();
        var onlyA = new List<string>();
        var onlyB = new List<string>();
        foreach (var (key, scheme) in new[] { (GroupKey, SplitSchemes.Group), (TemporalKey, SplitSchemes.Temporal) })
        {
            var ca = Candidates(a, key);
            var cb = Candidates(b, key);
            string Label(string name) => scheme == SplitSchemes.Group ? name : $"{name} ({scheme})";
            onlyA.AddRange(ca.Keys.Where(k => !cb.ContainsKey(k)).Select(Label));
            onlyB.AddRange(cb.Keys.Where(k => !ca.ContainsKey(k)).Select(Label));
            foreach (var (name, candidateA) in ca)
            {
                if (!cb.TryGetValue(name, out var candidateB))
                {
                    continue;
                }

                var valuesB = Flatten(candidateB).ToDictionary(v => v.Path, v => v.Value, StringComparer.Ordinal);
                foreach (var (path, value) in Flatten(candidateA))
                {
                    if (valuesB.TryGetValue(path, out var other))
                    {
                        rows.Add(new MetricComparison(scheme, name, path, value, other));
                    }
                }
            }
        }

        return new RunComparison(runA, runB, rows, onlyA, onlyB);
    }

    private static JsonObject ReadMetrics(RunLayout layout, RunRecord run)
    {
        var path = MetricsPath(layout, run);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new InvalidDataException($"{path}: {JsonProblem.Describe(e)}", e);
        }
    }

    /// <summary>Candidate name → its entry, in file order (a repeated name keeps the first).</summary>
    private static OrderedDictionary<string, JsonObject> Candidates(JsonObject metrics, string key)
    {
        var result = new OrderedDictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var c in (metrics[key] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (c["candidate"] is JsonValue name && name.TryGetValue<string>(out var n))
            {
                result.TryAdd(n, c);
            }
        }

        return result;
    }

    /// <summary>Every number under "quality" and "cost", with its dotted path, in file order.</summary>
    public static IEnumerable<(string Path, double Value)> Flatten(JsonObject candidate)
    {
        foreach (var section in new[] { "quality", "cost" })
        {
            if (candidate[section] is JsonObject o)
            {
                foreach (var leaf in Leaves(o, section))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static IEnumerable<(string Path, double Value)> Leaves(JsonObject node, string prefix)
    {
        foreach (var (name, child) in node)
        {
            var path = $"{prefix}.{name}";
            if (Skipped.Contains(path))
            {
                continue;
            }

            if (child is JsonObject o)
            {
                foreach (var leaf in Leaves(o, path))
                {
                    yield return leaf;
                }
            }
            else if (child is JsonValue v && Number(v) is { } d)
            {
                yield return (path, d);
            }
        }
    }

    /// <summary>A JSON number (parsed from its text, so exactly the file's value), or the named literals "NaN"/"Infinity".</summary>
    private static double? Number(JsonValue v) => v.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.Number => double.Parse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture),
        System.Text.Json.JsonValueKind.String when double.TryParse(v.GetValue<string>(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
