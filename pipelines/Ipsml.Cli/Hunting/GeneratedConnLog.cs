using System.Globalization;
using System.Net;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// A synthetic Zeek conn.log (TSV, Zeek's default columns), generated line by line as it is read, for the benchmark:
/// <c>lines</c> outbound connections spread evenly over one UTC day (so every hour occurs), from 250 local hosts
/// in 10.0.0.0/24 to public IPv4 addresses, either all distinct (<see cref="BenchLogKind.Unique"/>: a seeded
/// permutation of the IPv4 space, non-public addresses skipped) or drawn from a pool of <c>distinct</c> addresses with
/// Zipf-like popularity, rank k with weight 1/k^1.1 (<see cref="BenchLogKind.Repeated"/>, like real traffic: a few
/// services take most connections, a long tail is seen once or twice). Deterministic for a seed; holds only the
/// pool, never the log.
/// </summary>
internal sealed class GeneratedConnLog : TextReader
{
    public const double ZipfExponent = 1.1;

    private const long DayStart = 1_677_024_000; // 2023-02-22T00:00:00Z

    private static readonly string[] Header =
    [
        "#separator \\x09",
        "#set_separator\t,",
        "#empty_field\t(empty)",
        "#unset_field\t-",
        "#path\tconn",
        "#open\t2023-02-22-00-00-00",
        "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents",
        "#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]",
    ];

    private readonly long lines;
    private readonly BenchLogKind kind;
    private readonly Random random;
    private readonly string[] pool;
    private readonly double[] cumulative;
    private readonly char[] buffer = new char[512];
    private uint permutation;
    private long row;
    private int headerLine;

    /// <summary>Characters of the current line in <see cref="buffer"/> (its newline not stored).</summary>
    private int length;

    /// <summary>Read position in the current line (<see cref="length"/>: its newline); -1: no current line.</summary>
    private int at = -1;

    public GeneratedConnLog(BenchLogKind kind, long lines, int distinct, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lines);
        ArgumentOutOfRangeException.ThrowIfLessThan(distinct, 1);
        this.kind = kind;
        this.lines = lines;
        random = new Random(seed);
        permutation = (uint)seed * 0x9E3779B9u;
        if (kind == BenchLogKind.Repeated)
        {
            pool = new string[distinct];
            cumulative = new double[distinct];
            double sum = 0;
            for (var k = 0; k < distinct; k++)
            {
                pool[k] = NextPublicAddress().ToString();
                sum += 1 / Math.Pow(k + 1, ZipfExponent);
                cumulative[k] = sum;
            }

            for (var k = 0; k < distinct; k++)
            {
                cumulative[k] /= sum;
            }
        }
        else
        {
            pool = [];
            cumulative = [];
        }
    }

    /// <summary>Header lines before the first connection.</summary>
    public static int HeaderLines => Header.Length;

    public override string? ReadLine()
    {
        if (at < 0 && !Generate())
        {
            return null;
        }

        // The rest of the current line, without its newline (block reads may have taken part of it).
        var line = at < length ? new string(buffer, at, length - at) : "";
        at = -1;
        return line;
    }

    public override int Peek() => at < 0 && !Generate() ? -1 : At(at);

    public override int Read()
    {
        var c = Peek();
        if (c >= 0 && ++at > length)
        {
            at = -1;
        }

        return c;
    }

    /// <summary>Block reads (what line readers use): the lines with their "\n", copied straight from the line buffer.</summary>
    public override int Read(Span<char> destination)
    {
        var n = 0;
        while (n < destination.Length && (at >= 0 || Generate()))
        {
            var take = Math.Min(length - at, destination.Length - n);
            buffer.AsSpan(at, take).CopyTo(destination[n..]);
            n += take;
            at += take;
            if (at == length && n < destination.Length)
            {
                destination[n++] = '\n';
                at = -1;
            }
        }

        return n;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    /// <summary>The character at <paramref name="position"/> of the current line, its newline after the end.</summary>
    private char At(int position) => position < length ? buffer[position] : '\n';

    /// <summary>Writes the next line into the line buffer (<see cref="length"/> characters, read from <see cref="at"/> = 0); false at the end.</summary>
    private bool Generate()
    {
        if (headerLine < Header.Length)
        {
            var header = Header[headerLine++];
            header.CopyTo(buffer);
            (length, at) = (header.Length, 0);
            return true;
        }

        if (row >= lines)
        {
            return false;
        }

        var span = buffer.AsSpan();
        var n = 0;

        // ts: DayStart + row·86400/lines seconds, written with microseconds, without formatting a double.
        var micros = (long)(row * (86_400_000_000.0 / Math.Max(1, lines)));
        Write(span, ref n, DayStart + (micros / 1_000_000));
        span[n++] = '.';
        Write(span, ref n, micros % 1_000_000, "D6");
        Append(span, ref n, "\tC");
        Write(span, ref n, row, "x10");
        Append(span, ref n, "\t10.0.0.");
        Write(span, ref n, 1 + (row % 250));
        span[n++] = '\t';
        Write(span, ref n, 49152 + (row % 16384));
        span[n++] = '\t';
        if (kind == BenchLogKind.Unique)
        {
            NextPublicAddress().TryFormat(span[n..], out var written);
            n += written;
        }
        else
        {
            Append(span, ref n, pool[Draw()]);
        }

        Append(span, ref n, "\t443\ttcp\tssl\t0.512000\t517\t4821\tSF\tT\tF\t0\tShADadFf\t9\t1029\t8\t5153\t-");
        row++;
        (length, at) = (n, 0);
        return true;
    }

    private static void Write(Span<char> span, ref int n, long value, string? format = null)
    {
        value.TryFormat(span[n..], out var written, format, CultureInfo.InvariantCulture);
        n += written;
    }

    private static void Append(Span<char> span, ref int n, string text)
    {
        text.CopyTo(span[n..]);
        n += text.Length;
    }

    private int Draw()
    {
        var index = Array.BinarySearch(cumulative, random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, pool.Length - 1);
    }

    /// <summary>The next public IPv4 address of a permutation of the address space (odd multiplier: no repeats for 2^32 steps).</summary>
    private IPAddress NextPublicAddress()
    {
        while (true)
        {
            permutation += 1;
            var address = IpParsing.FromUInt32(permutation * 2_654_435_761u);
            if (!ConnectionSides.Default.IsLocal(address))
            {
                return address;
            }
        }
    }
}
