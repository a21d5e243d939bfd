using System.Buffers.Binary;
using System.IO.Compression;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Gzip decompression that notices a truncated file. .NET's <see cref="GZipStream"/> ends quietly when the
/// compressed data stops early (a partial download reads as a shorter list), so this stream compares the number of
/// bytes it produced with the size the gzip trailer records (ISIZE, the last four bytes, modulo 2^32) and throws
/// <see cref="InvalidDataException"/> at the end when they differ. A file of several concatenated gzip members is
/// checked against its last member only and so is reported as corrupt; no feed ships such files.
/// </summary>
internal sealed class CheckedGzipStream : ReadOnlyWrappingStream
{
    private const int MinimumGzipLength = 18; // 10-byte header, empty deflate block, 8-byte trailer

    private readonly uint? recordedSize;
    private long produced;
    private bool checkedEnd;

    /// <summary>Wraps a seekable stream positioned at the start of gzip data.</summary>
    public CheckedGzipStream(Stream compressed)
        : this(compressed, RecordedSize(compressed))
    {
    }

    private CheckedGzipStream(Stream compressed, uint? recordedSize)
        : base(new GZipStream(compressed, CompressionMode.Decompress))
    {
        this.recordedSize = recordedSize;
    }

    public override int Read(Span<byte> buffer)
    {
        var read = Inner.Read(buffer);
        produced += read;
        if (read == 0 && buffer.Length > 0 && !checkedEnd)
        {
            checkedEnd = true;
            if (recordedSize != (uint)produced)
            {
                throw new InvalidDataException(recordedSize is null
                    ? "gzip file too short to be complete"
                    : $"gzip data ends after {produced} bytes but its trailer records {recordedSize} (mod 2^32): truncated or corrupt");
            }
        }

        return read;
    }

    /// <summary>ISIZE from the gzip trailer (null when the data is too short to have one); the position is left unchanged.</summary>
    private static uint? RecordedSize(Stream compressed)
    {
        var start = compressed.Position;
        if (compressed.Length - start < MinimumGzipLength)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[4];
        compressed.Position = compressed.Length - 4;
        compressed.ReadExactly(trailer);
        compressed.Position = start;
        return BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }
}
