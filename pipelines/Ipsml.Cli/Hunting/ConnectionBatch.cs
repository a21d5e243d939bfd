using System.Net;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// A fixed-size block of connections from one input, read in order, then scored in place. Besides the connections it
/// carries what the reader refused (bad lines) and what it set aside (no public remote end) in its stretch of the input.
/// Batches are pooled and reused: memory is the batch size times the batches in flight, whatever the log length.
/// </summary>
internal sealed class ConnectionBatch
{
    public ConnectionBatch(int capacity)
    {
        Connections = new Connection[capacity];
        Lines = new long[capacity];
        Ticks = new long[capacity];
        Peers = new IPAddress?[capacity];
        Labels = new string?[capacity];
        Probabilities = new float[capacity];
    }

    public int Capacity => Connections.Length;

    /// <summary>Index of the input in <see cref="LogInput.Files"/>.</summary>
    public int Source { get; set; }

    public int Count { get; set; }

    public bool IsFull => Count == Capacity;

    /// <summary>Remote address and UTC hour.</summary>
    public Connection[] Connections { get; }

    /// <summary>Line number in the input.</summary>
    public long[] Lines { get; }

    /// <summary>UTC ticks of the connection's time; 0 when the input has none (ip,hour lines).</summary>
    public long[] Ticks { get; }

    /// <summary>The local end, when the format has two ends.</summary>
    public IPAddress?[] Peers { get; }

    /// <summary>The log's own label of the row, if any.</summary>
    public string?[] Labels { get; }

    public float[] Probabilities { get; }

    /// <summary>Lines the reader could not use, in order.</summary>
    public List<BadLine> Bad { get; } = [];

    /// <summary>Rows without a public remote end, by (why the remote end is local, the row's label).</summary>
    public Dictionary<(string Reason, string? Label), long> Skipped { get; } = [];

    /// <summary>Header and comment lines.</summary>
    public long HeaderLines { get; set; }

    /// <summary>Set by the scoring worker when <see cref="Probabilities"/> are filled (or it failed).</summary>
    public ManualResetEventSlim Scored { get; } = new(false);

    public Exception? Failure { get; set; }

    public void Add(IPAddress remote, int hour, long line, long ticks, IPAddress? peer, string? label)
    {
        var i = Count++;
        Connections[i] = new Connection(remote, hour);
        Lines[i] = line;
        Ticks[i] = ticks;
        Peers[i] = peer;
        Labels[i] = label;
    }

    public void Skip(string reason, string? label) => Skipped[(reason, label)] = Skipped.GetValueOrDefault((reason, label)) + 1;

    public void Reset(int source)
    {
        Array.Clear(Connections, 0, Count);
        Array.Clear(Peers, 0, Count);
        Array.Clear(Labels, 0, Count);
        Source = source;
        Count = 0;
        HeaderLines = 0;
        Bad.Clear();
        Skipped.Clear();
        Failure = null;
        Scored.Reset();
    }
}
