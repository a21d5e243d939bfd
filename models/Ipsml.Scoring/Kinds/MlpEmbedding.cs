namespace Ipsml.Scoring.Kinds;

/// <summary>
/// One embedding table of an <see cref="MlpNetwork"/>: the categorical column it reads, how a column value becomes a
/// table row, and the table itself (<paramref name="Weights"/>: <paramref name="Rows"/> × <paramref name="Dim"/>, row-major).
/// </summary>
/// <param name="Column">A categorical <see cref="Features.FeatureRow"/> column (see <see cref="Features.FeatureSchema.CategoricalColumns"/>).</param>
/// <param name="Rows">Table rows: for a vocabulary column its id count (unknown, the n values, other = n + 2); for Hour 25.</param>
/// <param name="Dim">Width of one embedding vector.</param>
/// <param name="Offset">Added to the column value to give the row: 0 for vocabulary ids, 1 for Hour (−1 unknown → row 0).</param>
/// <param name="OutOfRange">The row used for a value outside the table (or NaN): "other" for vocabulary ids, "unknown" for Hour.</param>
public sealed record MlpEmbedding(string Column, int Rows, int Dim, int Offset, int OutOfRange, float[] Weights)
{
    /// <summary>The table row for a column value: value + <see cref="Offset"/> truncated, or <see cref="OutOfRange"/> when outside 0..Rows−1.</summary>
    public int Index(float value)
    {
        var shifted = value + Offset;
        return shifted >= 0 && shifted < Rows ? (int)shifted : OutOfRange;
    }

    /// <summary>The embedding vector of one table row.</summary>
    public ReadOnlySpan<float> Row(int index) => Weights.AsSpan(index * Dim, Dim);
}
