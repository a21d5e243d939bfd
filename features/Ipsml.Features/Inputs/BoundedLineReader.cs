namespace Ipsml.Features.Inputs;

/// <summary>
/// Reads lines as <see cref="TextReader.ReadLine"/> does (ended by LF, CRLF or CR; the last line needs no newline; a
/// U+FEFF byte order mark at the very start of the text is dropped), but never holds more than
/// <see cref="MaxLength"/> characters of one line: a longer line is read through to its end and thrown away as it
/// goes, and only its length is returned. So one endless line (a binary file, a broken pipe) costs a fixed buffer,
/// not memory for the whole line. Reads the underlying reader in blocks.
/// </summary>
public sealed class BoundedLineReader
{
    private const int BlockSize = 1 << 14;

    private readonly TextReader reader;
    private char[] buffer;
    private int start;
    private int end;
    private bool skipLineFeed;
    private bool atStart = true;
    private bool exhausted;

    /// <param name="reader">The text; not disposed here.</param>
    /// <param name="maxLength">The longest line returned whole, in characters (at least 1).</param>
    public BoundedLineReader(TextReader reader, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        this.reader = reader;
        MaxLength = maxLength;
        buffer = new char[(int)Math.Min((long)maxLength + 1, BlockSize * 4)];
    }

    /// <summary>The longest line returned whole, in characters.</summary>
    public int MaxLength { get; }

    /// <summary>
    /// The next line: false at the end of the text. Otherwise <paramref name="line"/> is the line without its newline,
    /// or null when it is longer than <see cref="MaxLength"/>; <paramref name="length"/> is its length either way.
    /// </summary>
    /// <exception cref="IOException">The underlying reader failed (e.g. a truncated gzip stream).</exception>
    public bool Read(out string? line, out long length)
    {
        if (skipLineFeed)
        {
            skipLineFeed = false;
            if ((start < end || Fill()) && buffer[start] == '\n')
            {
                start++;
            }
        }

        // A text that is only a byte order mark is one empty line, as for ReadLine.
        var byteOrderMark = false;
        if (atStart)
        {
            atStart = false;
            if ((start < end || Fill()) && buffer[start] == '\uFEFF')
            {
                start++;
                byteOrderMark = true;
            }
        }

        long dropped = 0;
        var scanned = 0;
        while (true)
        {
            var found = buffer.AsSpan(start + scanned, end - start - scanned).IndexOfAny('\r', '\n');
            if (found >= 0)
            {
                var lineEnd = start + scanned + found;
                length = dropped + (lineEnd - start);
                line = dropped == 0 && length <= MaxLength ? new string(buffer, start, lineEnd - start) : null;
                start = lineEnd + 1;
                if (buffer[lineEnd] == '\r')
                {
                    if (start < end)
                    {
                        if (buffer[start] == '\n')
                        {
                            start++;
                        }
                    }
                    else
                    {
                        skipLineFeed = true;
                    }
                }

                return true;
            }

            scanned = end - start;
            if (dropped + scanned > MaxLength)
            {
                // Too long: forget what is buffered, keep only the count.
                dropped += scanned;
                start = end;
                scanned = 0;
            }

            if (!Fill())
            {
                length = dropped + scanned;
                if (length == 0 && !byteOrderMark)
                {
                    line = null;
                    return false;
                }

                line = dropped == 0 && length <= MaxLength ? new string(buffer, start, scanned) : null;
                start = end;
                return true;
            }
        }
    }

    /// <summary>Reads more text after what is buffered (moving it to the front, growing the buffer if it is full); false at the end.</summary>
    private bool Fill()
    {
        if (exhausted)
        {
            return false;
        }

        if (start > 0)
        {
            buffer.AsSpan(start, end - start).CopyTo(buffer);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, Array.MaxLength));
        }

        var read = reader.Read(buffer.AsSpan(end));
        if (read == 0)
        {
            exhausted = true;
            return false;
        }

        end += read;
        return true;
    }
}
