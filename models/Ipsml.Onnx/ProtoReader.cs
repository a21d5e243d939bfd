namespace Ipsml.Onnx;

/// <summary>Reads the top-level fields of a protocol-buffers message: varints and length-delimited values; fixed-width fields are skipped.</summary>
internal static class ProtoReader
{
    /// <summary>One field: its number, and either its varint value or its bytes.</summary>
    public readonly record struct Field(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes);

    /// <exception cref="InvalidDataException">The bytes are not a well-formed message.</exception>
    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var tag = ReadVarint(message.Span, ref at);
            var number = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    yield return new Field(number, ReadVarint(message.Span, ref at), ReadOnlyMemory<byte>.Empty);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref at);
                    if (length < 0 || at + length > message.Length)
                    {
                        throw new InvalidDataException($"protobuf field {number}: length {length} runs past the end of the message");
                    }

                    yield return new Field(number, 0, message.Slice(at, length));
                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"protobuf field {number}: unsupported wire type {tag & 7}");
            }
        }

        if (at != message.Length)
        {
            throw new InvalidDataException("protobuf message ends inside a field");
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> span, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= span.Length)
            {
                throw new InvalidDataException("protobuf message ends inside a varint");
            }

            var b = span[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new InvalidDataException("protobuf varint longer than 10 bytes");
    }
}
