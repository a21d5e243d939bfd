using System.Globalization;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Explains scores by occlusion, for the rows that are printed only: for each feature the model reads, the
/// connection's row is scored again without that feature, and the drop in probability is the feature's
/// contribution. "Without" means what training means by an unknown value: id 0 for the time zone, country and ASN
/// (the databases did not know), latitude/longitude 0,0 (likewise), and for the hour the mean over all 24 hours
/// (the dataset draws missing hours uniformly, so the model never saw an unknown hour). One model call per batch of
/// rows, through the scorer's row cache. Contributions do not add up to the score: they show what each feature
/// did given the others.
/// </summary>
internal sealed class ScoreExplainer
{
    private readonly ConnectionScorer scorer;
    private readonly IGeoLookup geo;
    private readonly Occlusion[] occlusions;

    public ScoreExplainer(ConnectionScorer scorer, IGeoLookup geo)
    {
        this.scorer = scorer;
        this.geo = geo;
        var columns = ModelDescription.Load(Path.Combine(scorer.Artifact.Dir, ArtifactFiles.ModelDir)).Columns;
        occlusions = [.. Occlusion.All.Where(o => o.Columns.Any(columns.Contains))];
    }

    /// <summary>The feature names explained, in a fixed order (the model's columns grouped: location = latitude + longitude).</summary>
    public IReadOnlyList<string> Features => [.. occlusions.Select(o => o.Name)];

    public IReadOnlyList<Explanation> Explain(IReadOnlyList<Connection> connections)
    {
        var scores = scorer.Score(connections);
        var variants = new List<FeatureRow>();
        var spans = new List<(int Start, int Count)>[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var row = scorer.Encode(scores[i].Features);
            spans[i] = [];
            foreach (var occlusion in occlusions)
            {
                var start = variants.Count;
                foreach (var variant in occlusion.Variants(row))
                {
                    variants.Add(variant);
                }

                spans[i].Add((start, variants.Count - start));
            }
        }

        var probabilities = new float[variants.Count];
        scorer.ScoreRows(variants, probabilities);
        var result = new Explanation[scores.Count];
        for (var i = 0; i < scores.Count; i++)
        {
            var s = scores[i];
            var drivers = new FeatureDriver[occlusions.Length];
            for (var k = 0; k < occlusions.Length; k++)
            {
                var (start, count) = spans[i][k];
                double without = 0;
                for (var j = start; j < start + count; j++)
                {
                    without += probabilities[j];
                }

                drivers[k] = new FeatureDriver(occlusions[k].Name, occlusions[k].Value(s.Features), s.Probability - (without / count));
            }

            // Largest magnitude first; the fixed feature order breaks ties.
            var ordered = drivers.Select((d, k) => (d, k)).OrderByDescending(t => Math.Abs(Math.Round(t.d.Delta, 6))).ThenBy(t => t.k).Select(t => t.d).ToArray();
            result[i] = new Explanation(s.Features, geo.Lookup(s.Features.Address).AsnOrganization, s.Probability, ordered);
        }

        return result;
    }

    /// <summary>One feature (group), the model columns it covers, its rows without it and how its value is shown.</summary>
    private sealed record Occlusion(string Name, string[] Columns, Func<FeatureRow, IEnumerable<FeatureRow>> Variants, Func<RawFeatures, string> Value)
    {
        public static readonly Occlusion[] All =
        [
            new("asn", [nameof(FeatureRow.Asn)], r => [With(r, x => x.Asn = 0)], f => f.Asn is { } a ? "AS" + a.ToString(CultureInfo.InvariantCulture) : "unknown"),
            new("country", [nameof(FeatureRow.Country)], r => [With(r, x => x.Country = 0)], f => f.CountryCode ?? "unknown"),
            new("time_zone", [nameof(FeatureRow.TimeZone)], r => [With(r, x => x.TimeZone = 0)], f => f.TimeZone ?? "unknown"),
            new(
                "location",
                [nameof(FeatureRow.Latitude), nameof(FeatureRow.Longitude)],
                r => [With(r, x => (x.Latitude, x.Longitude) = (0, 0))],
                f => f.Latitude is { } lat && f.Longitude is { } lon ? string.Create(CultureInfo.InvariantCulture, $"{lat:0.##},{lon:0.##}") : "unknown"),
            new("hour", [nameof(FeatureRow.Hour)], r => Enumerable.Range(0, 24).Select(h => With(r, x => x.Hour = h)), f => f.Hour is { } h ? h.ToString("00", CultureInfo.InvariantCulture) : "unknown"),
            new("ip_prefix", [nameof(FeatureRow.IpPrefix)], r => [With(r, x => x.IpPrefix = 0)], f => f.Ipv4Prefix == 0 ? "none" : "/24"),
        ];

        private static FeatureRow With(FeatureRow row, Action<FeatureRow> change)
        {
            var copy = row.Clone();
            change(copy);
            return copy;
        }
    }
}
