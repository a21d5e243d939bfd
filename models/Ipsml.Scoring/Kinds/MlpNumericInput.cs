namespace Ipsml.Scoring.Kinds;

/// <summary>A numeric column of an <see cref="MlpNetwork"/>'s input, divided by <paramref name="Divisor"/> to bring it near [−1, 1].</summary>
public sealed record MlpNumericInput(string Column, float Divisor)
{
    /// <summary>value / <see cref="Divisor"/>; a NaN or infinite value counts as 0, as the encoder writes an unknown location.</summary>
    public float Scale(float value) => float.IsFinite(value) ? value / Divisor : 0f;
}
