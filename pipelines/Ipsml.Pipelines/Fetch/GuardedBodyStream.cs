using System.Text;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Read-through wrapper of a response body that fails the download as soon as the body breaks a rule:
/// more bytes than the size cap, fewer or more bytes than Content-Length, or an HTML page where data was expected.
/// It throws before the end of the stream is reported, so <see cref="ContentCache.AddAsync"/> never commits such a body.
/// </summary>
internal sealed class GuardedBodyStream(Stream inner, long maxBytes, long? expectedBytes, bool rejectHtml) : Stream
{
    private const int SniffLength = 64;

    private readonly byte[] prefix = new byte[SniffLength];

    private int prefixLength;

    private bool sniffed = !rejectHtml;

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => BytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = inner.Read(buffer);
        Check(buffer[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        Check(buffer.Span[..read]);
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

    private void Check(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length == 0)
        {
            if (expectedBytes is { } expected && BytesRead != expected)
            {
                throw new FetchAttemptException($"truncated body: {BytesRead} of {expected} bytes announced by Content-Length", transient: true);
            }

            Sniff(endOfBody: true);
            return;
        }

        BytesRead += chunk.Length;
        if (BytesRead > maxBytes)
        {
            throw new FetchAttemptException($"body exceeds the size cap of {maxBytes} bytes", transient: false);
        }

        if (expectedBytes is { } announced && BytesRead > announced)
        {
            throw new FetchAttemptException($"body longer than the {announced} bytes announced by Content-Length", transient: true);
        }

        if (!sniffed)
        {
            var take = Math.Min(chunk.Length, SniffLength - prefixLength);
            chunk[..take].CopyTo(prefix.AsSpan(prefixLength));
            prefixLength += take;
            Sniff(endOfBody: false);
        }
    }

    private void Sniff(bool endOfBody)
    {
        if (sniffed || (prefixLength < SniffLength && !endOfBody))
        {
            return;
        }

        sniffed = true;
        if (LooksLikeHtml(prefix.AsSpan(0, prefixLength)))
        {
            throw new FetchAttemptException("body is an HTML page (an error or login page?), not feed data", transient: false);
        }
    }

    internal static bool LooksLikeHtml(ReadOnlySpan<byte> start)
    {
        var text = Encoding.UTF8.GetString(start).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        return text.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
    }
}
