using Ipsml.Scoring.Kinds;

namespace Ipsml.Onnx;

/// <summary>
/// Writes an ipsml MLP (<see cref="MlpNetwork"/>) as an ONNX graph (opset 13) that computes what
/// <see cref="MlpScoringModel"/> computes:
/// <list type="bullet">
/// <item>each embedding column: row = value + offset when 0 ≤ value + offset &lt; rows, else the out-of-range row
/// (Add, GreaterOrEqual, Less, And, Where, Floor, Cast), then Gather from the table and Flatten;</item>
/// <item>each numeric column: a NaN or infinite value becomes 0 (IsNaN, IsInf, Or, Where), then Div by its divisor;</item>
/// <item>Concat in the network's input order, then per layer Gemm (transB, torch's [outputs × inputs] weights as they
/// are) and Relu, Sigmoid after the last.</item>
/// </list>
/// Inputs are float [N, 1] named after the feature columns, the output float [N, 1] "Probability.output", as in
/// the ML.NET export, so a consumer feeds every kind the same way.
/// </summary>
internal static class MlpOnnxWriter
{
    public const long Opset = 13;

    public const long IrVersion = 7;

    public const string Producer = "ipsml MLP writer";

    public static byte[] Write(MlpNetwork network)
    {
        var g = new OnnxGraphBuilder("ipsml_mlp");
        var parts = new List<string>();
        foreach (var e in network.Embeddings)
        {
            var x = g.Input(e.Column, 1);
            var shifted = g.Node("Add", [x, g.Scalar(e.Column + "_offset", e.Offset)]);
            var low = g.Node("GreaterOrEqual", [shifted, g.Scalar("zero", 0f)]);
            var high = g.Node("Less", [shifted, g.Scalar(e.Column + "_rows", e.Rows)]);
            var inside = g.Node("And", [low, high]);
            var row = g.Node("Where", [inside, shifted, g.Scalar(e.Column + "_out_of_range", e.OutOfRange)]);
            var index = g.Node("Cast", [g.Node("Floor", [row])], ("to", OnnxGraphBuilder.Int64));
            var table = g.Constant(e.Column + "_embedding", e.Weights, e.Rows, e.Dim);
            parts.Add(g.Node("Flatten", [g.Node("Gather", [table, index], ("axis", 0))], ("axis", 1)));
        }

        foreach (var n in network.Numeric)
        {
            var x = g.Input(n.Column, 1);
            var notFinite = g.Node("Or", [g.Node("IsNaN", [x]), g.Node("IsInf", [x])]);
            var value = g.Node("Where", [notFinite, g.Scalar("zero", 0f), x]);
            parts.Add(g.Node("Div", [value, g.Scalar(n.Column + "_divisor", n.Divisor)]));
        }

        var h = parts.Count == 1 ? parts[0] : g.Node("Concat", [.. parts], ("axis", 1));
        for (var i = 0; i < network.Layers.Count; i++)
        {
            var l = network.Layers[i];
            var w = g.Constant($"layer{i}_weight", l.Weight, l.Outputs, l.Inputs);
            var b = g.Constant($"layer{i}_bias", l.Bias, l.Outputs);
            var z = g.Node("Gemm", [h, w, b], ("transB", 1));
            var last = i == network.Layers.Count - 1;
            h = last
                ? g.Node("Sigmoid", [z], OnnxExporter.ProbabilityOutput)
                : g.Node("Relu", [z]);
        }

        g.Output(OnnxExporter.ProbabilityOutput, 1);
        return g.Build(IrVersion, Opset, Producer, MlpNetwork.Format, "ipsml MLP: embeddings + numeric inputs → dense ReLU layers → sigmoid; see model/mlp.json for the same network in ipsml's own format.");
    }
}
