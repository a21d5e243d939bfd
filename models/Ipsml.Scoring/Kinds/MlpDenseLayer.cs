namespace Ipsml.Scoring.Kinds;

/// <summary>
/// A fully connected layer of an <see cref="MlpNetwork"/>, as torch's Linear holds it: y = activation(W·x + b) with
/// <paramref name="Weight"/> <paramref name="Outputs"/> × <paramref name="Inputs"/> row-major and <paramref name="Bias"/> of <paramref name="Outputs"/>.
/// </summary>
/// <param name="Activation"><see cref="Relu"/> for hidden layers, <see cref="Sigmoid"/> for the single-output last layer.</param>
public sealed record MlpDenseLayer(int Inputs, int Outputs, string Activation, float[] Weight, float[] Bias)
{
    public const string Relu = "relu";

    public const string Sigmoid = "sigmoid";
}
