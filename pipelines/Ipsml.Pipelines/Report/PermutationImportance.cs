using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Training.Evaluation;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Permutation importance, computed by the report (the evaluate stage does not record it): the winner's model,
/// loaded through <see cref="ModelLoader"/> like every consumer, scores the test split (a seeded sample of at most
/// <see cref="MaxRows"/> rows) once as is and once per column and repeat with that column's values shuffled
/// across rows. Works for every model kind because it only needs <see cref="IScoringModel.Score"/>.
/// </summary>
public static class PermutationImportance
{
    public const int MaxRows = 20_000;

    public const int Repeats = 3;

    public sealed record Result(IReadOnlyList<FeatureImportance> Columns, int Rows, double RocAuc, double PrAuc, int Seed);

    public static Result Compute(IScoringModel model, IReadOnlyList<FeatureRow> rows, IReadOnlyList<string> columns, int seed, CancellationToken cancellationToken = default)
    {
        FeatureSchema.Validate(columns);
        var sample = Sample(rows, seed);
        var labels = sample.Select(r => r.Label).ToArray();
        var baseline = model.Score(sample);
        var baseRoc = BinaryMetrics.RocAuc(labels, baseline);
        var basePr = BinaryMetrics.AveragePrecision(labels, baseline);
        var result = new List<FeatureImportance>();
        for (var c = 0; c < columns.Count; c++)
        {
            var column = columns[c];
            var original = sample.Select(r => FeatureSchema.Get(r, column)).ToArray();
            var rocDrops = new double[Repeats];
            var prDrops = new double[Repeats];
            for (var repeat = 0; repeat < Repeats; repeat++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var shuffled = (float[])original.Clone();
                new Random(unchecked((seed * 1_000_003) + (c * 101) + repeat)).Shuffle(shuffled);
                for (var i = 0; i < sample.Count; i++)
                {
                    Set(sample[i], column, shuffled[i]);
                }

                var scores = model.Score(sample);
                rocDrops[repeat] = baseRoc - BinaryMetrics.RocAuc(labels, scores);
                prDrops[repeat] = basePr - BinaryMetrics.AveragePrecision(labels, scores);
            }

            for (var i = 0; i < sample.Count; i++)
            {
                Set(sample[i], column, original[i]);
            }

            result.Add(new FeatureImportance(column, rocDrops.Average(), Std(rocDrops), prDrops.Average(), Std(prDrops)));
        }

        return new Result(result, sample.Count, baseRoc, basePr, seed);
    }

    /// <summary>Copies of the rows (the caller's are never changed), a seeded sample when there are more than <see cref="MaxRows"/>.</summary>
    private static List<FeatureRow> Sample(IReadOnlyList<FeatureRow> rows, int seed)
    {
        IEnumerable<int> indices = Enumerable.Range(0, rows.Count);
        if (rows.Count > MaxRows)
        {
            var all = indices.ToArray();
            new Random(seed).Shuffle(all);
            indices = all.Take(MaxRows).Order();
        }

        return [.. indices.Select(i => Copy(rows[i]))];
    }

    private static FeatureRow Copy(FeatureRow r) => r.Clone();

    private static void Set(FeatureRow row, string column, float value)
    {
        switch (column)
        {
            case nameof(FeatureRow.Hour): row.Hour = value; break;
            case nameof(FeatureRow.Latitude): row.Latitude = value; break;
            case nameof(FeatureRow.Longitude): row.Longitude = value; break;
            case nameof(FeatureRow.TimeZone): row.TimeZone = value; break;
            case nameof(FeatureRow.Country): row.Country = value; break;
            case nameof(FeatureRow.Asn): row.Asn = value; break;
            case nameof(FeatureRow.IpPrefix): row.IpPrefix = value; break;
            default: throw new ArgumentException($"unknown feature column '{column}'");
        }
    }

    private static double Std(double[] values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
    }
}
