using System.Text;

namespace Ipsml.Onnx;

/// <summary>The parts of an ONNX ModelProto the manifest records: IR version, producer, imported operator sets.</summary>
internal sealed record OnnxModelHeader(long IrVersion, string Producer, IReadOnlyDictionary<string, long> Opsets)
{
    /// <summary>The default ("ai.onnx", written as "") domain's operator set; 0 when the model does not import it.</summary>
    public long DefaultOpset => Opsets.TryGetValue("", out var v) ? v : Opsets.GetValueOrDefault("ai.onnx");

    /// <exception cref="InvalidDataException">Not a well-formed ModelProto.</exception>
    public static OnnxModelHeader Read(byte[] model)
    {
        long ir = 0;
        var producer = "";
        var opsets = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var field in ProtoReader.Fields(model))
        {
            switch (field.Number)
            {
                case 1:
                    ir = (long)field.Varint;
                    break;
                case 2:
                    producer = Encoding.UTF8.GetString(field.Bytes.Span);
                    break;
                case 8:
                    var domain = "";
                    long version = 0;
                    foreach (var f in ProtoReader.Fields(field.Bytes))
                    {
                        if (f.Number == 1)
                        {
                            domain = Encoding.UTF8.GetString(f.Bytes.Span);
                        }
                        else if (f.Number == 2)
                        {
                            version = (long)f.Varint;
                        }
                    }

                    opsets[domain] = version;
                    break;
            }
        }

        return new OnnxModelHeader(ir, producer, opsets);
    }
}
