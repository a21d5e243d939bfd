using FsCheck;
using FsCheck.Xunit;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class BoundedLineReaderTests
{
    private static List<(string? Line, long Length)> ReadAll(TextReader text, int maxLength)
    {
        var reader = new BoundedLineReader(text, maxLength);
        var lines = new List<(string?, long)>();
        while (reader.Read(out var line, out var length))
        {
            lines.Add((line, length));
        }

        return lines;
    }

    private static List<string> ReadLines(TextReader text)
    {
        var lines = new List<string>();
        while (text.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>Text of a, b, CR and LF, read back in chunks of 1 to 3 characters, so that every line end and every CRLF falls across a read.</summary>
    [Property(MaxTest = 300)]
    public bool Lines_are_those_of_ReadLine_whatever_the_line_ends_and_reads(NonNegativeInt seed)
    {
        var random = new Random(seed.Get);
        var text = new string([.. Enumerable.Range(0, random.Next(0, 60)).Select(_ => "ab\r\n"[random.Next(4)])]);

        var expected = ReadLines(new StringReader(text));
        var actual = ReadAll(new TrickleReader(text, random.Next(1, 4)), 1000);

        return actual.Select(l => l.Line).SequenceEqual(expected) && actual.All(l => l.Length == l.Line!.Length);
    }

    [Fact]
    public void A_line_over_the_limit_gives_its_length_and_no_text_and_the_next_lines_are_read()
    {
        var text = "first\n" + new string('x', 101) + "\r\n" + new string('y', 100) + "\rlast";

        var lines = ReadAll(new TrickleReader(text, 7), 100);

        Assert.Equal([("first", 5), (null, 101), (new string('y', 100), 100), ("last", 4)], lines);
    }

    [Fact]
    public void A_last_line_over_the_limit_without_a_newline_is_still_a_line()
    {
        Assert.Equal([("a", 1L), ((string?)null, 300L)], ReadAll(new StringReader("a\n" + new string('z', 300)), 64));
    }

    [Fact]
    public void A_byte_order_mark_is_dropped_at_the_start_only()
    {
        var lines = ReadAll(new StringReader("\uFEFF8.8.8.8,5\n\uFEFF1.1.1.1\n"), 100);

        Assert.Equal(["8.8.8.8,5", "\uFEFF1.1.1.1"], lines.Select(l => l.Line));
        Assert.Equal([("", 0L)], ReadAll(new StringReader("\uFEFF"), 100));
    }

    [Fact]
    public void An_endless_line_is_read_through_in_a_fixed_buffer()
    {
        const long length = 50_000_000;
        var before = GC.GetAllocatedBytesForCurrentThread();

        var lines = ReadAll(new RepeatingReader('9', length, "\n8.8.8.8\n"), 64 * 1024);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal([(null, length), ("8.8.8.8", 7)], lines);
        Assert.True(allocated < 2_000_000, $"{allocated:N0} bytes allocated to read a {length:N0}-character line");
    }

    /// <summary>Hands out the text at most <c>chunk</c> characters per read.</summary>
    private sealed class TrickleReader(string text, int chunk) : TextReader
    {
        private int at;

        public override int Read(Span<char> buffer)
        {
            var n = Math.Min(Math.Min(chunk, buffer.Length), text.Length - at);
            text.AsSpan(at, n).CopyTo(buffer);
            at += n;
            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }

    /// <summary><c>count</c> copies of one character, then a tail; generated as read, never held.</summary>
    private sealed class RepeatingReader(char c, long count, string tail) : TextReader
    {
        private long at;

        public override int Read(Span<char> buffer)
        {
            var n = 0;
            while (n < buffer.Length && at < count + tail.Length)
            {
                buffer[n++] = at < count ? c : tail[(int)(at - count)];
                at++;
            }

            return n;
        }

        public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));
    }
}
