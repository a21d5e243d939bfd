using Ipsml.Features;
using Ipsml.Scoring.Kinds;

namespace Ipsml.Training.Candidates;

/// <summary>
/// How the MLP sees a <see cref="FeatureRow"/>: one embedding table per categorical column among the candidate's
/// columns, one scaled input per numeric column, and the encoding of rows into the arrays TorchSharp trains on.
/// Training and scoring map values through the same <see cref="MlpEmbedding.Index"/> and <see cref="MlpNumericInput.Scale"/>.
/// </summary>
internal static class MlpInputs
{
    /// <summary>Hour −1 (unknown) .. 23 → rows 0..24.</summary>
    public const int HourRows = 25;

    /// <summary>Brings the numeric columns near [−1, 1] (IpPrefix is a /24 number below 2^24, so [0, 1)).</summary>
    public static float DivisorOf(string column) => column switch
    {
        nameof(FeatureRow.Latitude) => 90f,
        nameof(FeatureRow.Longitude) => 180f,
        nameof(FeatureRow.IpPrefix) => 16777216f,
        _ => throw new ArgumentException($"column '{column}' has no MLP scaling"),
    };

    /// <summary>The embedding tables (weights zero, to be filled by training) and numeric inputs, in the candidate's column order.</summary>
    public static (List<MlpEmbedding> Embeddings, List<MlpNumericInput> Numeric) Layout(IReadOnlyList<string> columns, FeatureVocabulary vocabulary, int dim)
    {
        var embeddings = new List<MlpEmbedding>();
        var numeric = new List<MlpNumericInput>();
        foreach (var column in columns)
        {
            if (!FeatureSchema.CategoricalColumns.Contains(column))
            {
                numeric.Add(new MlpNumericInput(column, DivisorOf(column)));
                continue;
            }

            // Vocabulary ids: 0 unknown, 1..n values, n + 1 other; anything outside goes to other. Hour: +1, outside → unknown.
            var (rows, offset, outOfRange) = column switch
            {
                nameof(FeatureRow.Hour) => (HourRows, 1, 0),
                nameof(FeatureRow.TimeZone) => (vocabulary.TimeZones.Count + 2, 0, vocabulary.TimeZoneOtherId),
                nameof(FeatureRow.Country) => (vocabulary.Countries.Count + 2, 0, vocabulary.CountryOtherId),
                nameof(FeatureRow.Asn) => (vocabulary.Asns.Count + 2, 0, vocabulary.AsnOtherId),
                _ => throw new ArgumentException($"categorical column '{column}' has no MLP embedding"),
            };
            embeddings.Add(new MlpEmbedding(column, rows, dim, offset, outOfRange, new float[rows * dim]));
        }

        return (embeddings, numeric);
    }

    /// <summary>Row-major arrays for TorchSharp: table rows [n × embeddings], scaled numerics [n × numeric], labels, weights.</summary>
    public static Encoded Encode(IReadOnlyList<FeatureRow> rows, IReadOnlyList<MlpEmbedding> embeddings, IReadOnlyList<MlpNumericInput> numeric)
    {
        var categorical = new long[rows.Count * embeddings.Count];
        var values = new float[rows.Count * numeric.Count];
        var labels = new float[rows.Count];
        var weights = new float[rows.Count];
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            for (var j = 0; j < embeddings.Count; j++)
            {
                categorical[(r * embeddings.Count) + j] = embeddings[j].Index(FeatureSchema.Get(row, embeddings[j].Column));
            }

            for (var j = 0; j < numeric.Count; j++)
            {
                values[(r * numeric.Count) + j] = numeric[j].Scale(FeatureSchema.Get(row, numeric[j].Column));
            }

            labels[r] = row.Label ? 1f : 0f;
            weights[r] = row.Weight;
        }

        return new Encoded(rows.Count, categorical, values, labels, weights);
    }

    internal sealed record Encoded(int Count, long[] Categorical, float[] Numeric, float[] Labels, float[] Weights);
}
