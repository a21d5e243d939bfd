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
internal sealed class CheckedGzipStream : Stream
{
    private const int MinimumGzipLength = 18; // 10-byte header, empty deflate block, 8-byte trailer

    private readonly GZipStream inner;
    private readonly uint? recordedSize;
    private long produced;
    private bool checkedEnd;

    /// <summary>Wraps a seekable stream positioned at the start of gzip data.</summary>
    public CheckedGzipStream(Stream compressed)
    {
        var start = compressed.Position;
        if (compressed.Length - start >= MinimumGzipLength)
        {
            Span<byte> trailer = stackalloc byte[4];
            compressed.Position = compressed.Length - 4;
            compressed.ReadExactly(trailer);
            recordedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        }

        compressed.Position = start;
        inner = new GZipStream(compressed, CompressionMode.Decompress);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
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

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
