using System.IO.Compression;
using System.Text;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Opens feed files as text whatever their packing: gzip (by its magic bytes 1F 8B, any file name; a truncated
/// file is reported, see <see cref="CheckedGzipStream"/>), zip (PK\x03\x04: the first file entry) or plain. Text is UTF-8; a byte order mark
/// (UTF-8, or UTF-16/32, which then wins) is honoured and removed. Invalid UTF-8 becomes U+FFFD, never an exception,
/// so a bad byte ends up as a drop of its line.
/// </summary>
public static class FeedFile
{
    private const int BufferSize = 1 << 16;

    /// <summary>A reader over the file's text; dispose it to close the file.</summary>
    public static TextReader OpenText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        try
        {
            return OpenText(stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>A reader over a seekable stream's text (the stream is owned: disposing the reader disposes it).</summary>
    /// <exception cref="ArgumentException">The stream cannot seek (packing is detected by reading ahead).</exception>
    /// <exception cref="InvalidDataException">A zip archive that is broken or holds no file.</exception>
    public static TextReader OpenText(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("the stream must be seekable", nameof(stream));
        }

        return Text(Unpack(stream));
    }

    /// <summary>How a file is packed, from its first bytes.</summary>
    internal static FilePacking DetectPacking(Stream stream)
    {
        Span<byte> magic = stackalloc byte[4];
        var start = stream.Position;
        var read = stream.ReadAtLeast(magic, magic.Length, throwOnEndOfStream: false);
        stream.Position = start;
        if (read >= 2 && magic[0] == 0x1F && magic[1] == 0x8B)
        {
            return FilePacking.Gzip;
        }

        return read == 4 && magic[0] == (byte)'P' && magic[1] == (byte)'K' && magic[2] == 3 && magic[3] == 4
            ? FilePacking.Zip
            : FilePacking.Plain;
    }

    private static Stream Unpack(Stream stream)
    {
        switch (DetectPacking(stream))
        {
            case FilePacking.Gzip:
                return new CheckedGzipStream(stream);
            case FilePacking.Zip:
                var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: false);
                try
                {
                    var entry = archive.Entries.FirstOrDefault(e => !e.FullName.EndsWith('/'))
                        ?? throw new InvalidDataException("the zip archive holds no file");
                    return new OwningStream(entry.Open(), archive);
                }
                catch
                {
                    archive.Dispose();
                    throw;
                }

            default:
                return stream;
        }
    }

    private static StreamReader Text(Stream stream) =>
        new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true, BufferSize);
}
