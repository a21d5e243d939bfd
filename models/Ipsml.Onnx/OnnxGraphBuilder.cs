using System.Runtime.InteropServices;

namespace Ipsml.Onnx;

/// <summary>
/// Builds a small ONNX model (onnx.proto3 ModelProto) node by node: float inputs, initializers, operators with int
/// attributes, one output. Writes only the fields it needs; names are generated so nodes chain by return value.
/// </summary>
internal sealed class OnnxGraphBuilder(string graphName)
{
    // onnx.proto3 TensorProto.DataType
    public const int Float = 1;
    public const int Bool = 9;
    public const int Int64 = 7;

    private readonly List<ProtoWriter> nodes = [];
    private readonly List<ProtoWriter> initializers = [];
    private readonly List<ProtoWriter> inputs = [];
    private readonly List<ProtoWriter> outputs = [];
    private int next;

    /// <summary>A float graph input of shape [N, width] (N = any batch size).</summary>
    public string Input(string name, int width)
    {
        inputs.Add(ValueInfo(name, Float, width));
        return name;
    }

    /// <summary>Marks a value as a float graph output of shape [N, width].</summary>
    public void Output(string name, int width) => outputs.Add(ValueInfo(name, Float, width));

    /// <summary>A float constant of the given shape (row-major data).</summary>
    public string Constant(string hint, float[] data, params long[] dims)
    {
        var name = Name(hint);
        var tensor = new ProtoWriter();
        foreach (var d in dims)
        {
            tensor.Varint(1, d);
        }

        tensor.Varint(2, Float).String(8, name).Bytes(9, MemoryMarshal.AsBytes(data.AsSpan()));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("ONNX raw_data is little-endian");
        }

        initializers.Add(tensor);
        return name;
    }

    /// <summary>A float scalar constant.</summary>
    public string Scalar(string hint, float value) => Constant(hint, [value]);

    /// <summary>Appends an operator node and returns the name of its (single) output.</summary>
    public string Node(string op, string[] nodeInputs, params (string Name, long Value)[] intAttributes) =>
        Node(op, nodeInputs, Name(op), intAttributes);

    /// <summary>Appends an operator node whose output has the given name.</summary>
    public string Node(string op, string[] nodeInputs, string output, params (string Name, long Value)[] intAttributes)
    {
        var node = new ProtoWriter();
        foreach (var input in nodeInputs)
        {
            node.String(1, input);
        }

        node.String(2, output).String(3, Name(op + "_node")).String(4, op);
        foreach (var (name, value) in intAttributes)
        {
            // AttributeProto: name = 1, i = 3, type = 20 (INT = 2)
            node.Message(5, new ProtoWriter().String(1, name).Varint(3, value).Varint(20, 2));
        }

        nodes.Add(node);
        return output;
    }

    /// <summary>The serialised ModelProto.</summary>
    public byte[] Build(long irVersion, long opset, string producer, string producerVersion, string docString)
    {
        var graph = new ProtoWriter();
        foreach (var n in nodes)
        {
            graph.Message(1, n);
        }

        graph.String(2, graphName);
        foreach (var t in initializers)
        {
            graph.Message(5, t);
        }

        graph.String(10, docString);
        foreach (var i in inputs)
        {
            graph.Message(11, i);
        }

        foreach (var o in outputs)
        {
            graph.Message(12, o);
        }

        return new ProtoWriter()
            .Varint(1, irVersion)
            .String(2, producer)
            .String(3, producerVersion)
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Varint(2, opset))
            .ToArray();
    }

    private string Name(string hint) => $"{hint}_{next++}";

    /// <summary>ValueInfoProto of a tensor [N, width]: TypeProto.tensor_type { elem_type, shape { dim { dim_param "N" }, dim { dim_value width } } }.</summary>
    private static ProtoWriter ValueInfo(string name, int elementType, int width)
    {
        var shape = new ProtoWriter()
            .Message(1, new ProtoWriter().String(2, "N"))
            .Message(1, new ProtoWriter().Varint(1, width));
        var tensorType = new ProtoWriter().Varint(1, elementType).Message(2, shape);
        return new ProtoWriter().String(1, name).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
