using Ipsml.Training.Evaluation;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Metrics of the winner per slice of the test split, computed by the report from the evaluate stage's
/// predictions at the winner's threshold. The largest slices come first; the rest are pooled in one "other" slice.
/// </summary>
public static class SliceMetrics
{
    public const int DefaultTop = 12;

    public const string Unknown = "(unknown)";

    /// <summary>By country code (each row in exactly one slice; rows without a location are "(unknown)").</summary>
    public static IReadOnlyList<Slice> ByCountry(IReadOnlyList<ScoredRow> rows, double threshold, int top = DefaultTop) =>
        By(rows, r => [r.Row.Features.CountryCode ?? Unknown], threshold, top, "countries");

    /// <summary>By autonomous system (each row in exactly one slice; rows without an ASN are "(unknown)").</summary>
    public static IReadOnlyList<Slice> ByAsn(IReadOnlyList<ScoredRow> rows, double threshold, int top = DefaultTop) =>
        By(rows, r => [r.Row.Features.Asn is { } a ? $"AS{a}" : Unknown], threshold, top, "ASNs");

    /// <summary>By feed: a row listed by several feeds is in each of their slices, so these slices overlap.</summary>
    public static IReadOnlyList<Slice> ByFeed(IReadOnlyList<ScoredRow> rows, double threshold, int top = DefaultTop) =>
        By(rows, r => r.Feeds.Count == 0 ? [Unknown] : r.Feeds, threshold, top, "feeds");

    /// <summary>
    /// Slices by the keys each row belongs to: the <paramref name="top"/> largest (rows, then name), then one
    /// "other (N kinds)" slice holding every remaining row once.
    /// </summary>
    public static IReadOnlyList<Slice> By(IReadOnlyList<ScoredRow> rows, Func<ScoredRow, IReadOnlyList<string>> keys, double threshold, int top, string kinds)
    {
        var members = new Dictionary<string, List<ScoredRow>>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            foreach (var k in keys(r).Distinct(StringComparer.Ordinal))
            {
                if (!members.TryGetValue(k, out var list))
                {
                    members[k] = list = [];
                }

                list.Add(r);
            }
        }

        var ranked = members.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToList();
        var slices = ranked.Take(top).Select(kv => Measure(kv.Key, kv.Value, threshold)).ToList();
        if (ranked.Count > top)
        {
            var shown = ranked.Take(top).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
            var rest = rows.Where(r => keys(r).Any(k => !shown.Contains(k))).ToList();
            slices.Add(Measure($"other ({ranked.Count - top} {kinds})", rest, threshold));
        }

        return slices;
    }

    public static Slice Measure(string name, IReadOnlyList<ScoredRow> rows, double threshold)
    {
        var labels = rows.Select(r => r.Malicious).ToArray();
        var scores = rows.Select(r => r.Probability).ToArray();
        long malicious = labels.Count(l => l), flagged = 0, truePositives = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (scores[i] >= threshold)
            {
                flagged++;
                truePositives += labels[i] ? 1 : 0;
            }
        }

        var bothLabels = malicious > 0 && malicious < rows.Count;
        return new Slice(
            name,
            rows.Count,
            malicious,
            bothLabels ? BinaryMetrics.AveragePrecision(labels, scores) : double.NaN,
            bothLabels ? BinaryMetrics.RocAuc(labels, scores) : double.NaN,
            flagged,
            flagged == 0 ? double.NaN : (double)truePositives / flagged,
            malicious == 0 ? double.NaN : (double)truePositives / malicious);
    }
}
