using System.Net;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Keeps scored connections for printing, best first (probability, then input order), in bounded memory: with a top
/// N, a heap of N rows; without one, up to <c>memoryRows</c> rows in memory and the rest in sorted runs in a
/// temporary folder, merged when read (an external merge sort). Rows under the threshold are not kept.
/// </summary>
internal sealed class RankedConnections : IDisposable
{
    /// <summary>Rows held in memory before a sorted run is written to disk.</summary>
    public const int DefaultMemoryRows = 1 << 18;

    private readonly int? top;
    private readonly float threshold;
    private readonly int memoryRows;
    private readonly PriorityQueue<ScoredRow, ScoredRow> heap = new(Comparer<ScoredRow>.Create((a, b) => ScoredRow.Compare(b, a)));
    private readonly List<ScoredRow> buffer = [];
    private readonly List<string> runs = [];
    private string? spillDir;
    private long order;

    public RankedConnections(int? top, double? threshold, int memoryRows = DefaultMemoryRows)
    {
        this.top = top;
        this.threshold = threshold is { } t ? (float)t : float.NegativeInfinity;
        this.memoryRows = Math.Max(1, memoryRows);
    }

    /// <summary>Rows at or over the threshold so far (kept or not).</summary>
    public long Passed { get; private set; }

    /// <summary>Sorted runs written to disk.</summary>
    public int SpilledRuns => runs.Count;

    public void Add(ConnectionBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var p = batch.Probabilities[i];
            var n = order++;
            if (p < threshold)
            {
                continue;
            }

            Passed++;
            var row = new ScoredRow(n, batch.Source, batch.Lines[i], batch.Ticks[i], batch.Connections[i].Address, batch.Peers[i], batch.Connections[i].Hour, p, batch.Labels[i]);
            if (top is { } limit)
            {
                if (heap.Count < limit)
                {
                    heap.Enqueue(row, row);
                }
                else if (limit > 0 && ScoredRow.Compare(row, heap.Peek()) < 0)
                {
                    heap.EnqueueDequeue(row, row);
                }

                continue;
            }

            buffer.Add(row);
            if (buffer.Count >= memoryRows)
            {
                Spill();
            }
        }
    }

    /// <summary>The kept rows, best first.</summary>
    public IEnumerable<ScoredRow> Descending()
    {
        if (top is not null)
        {
            var rows = heap.UnorderedItems.Select(e => e.Element).ToList();
            rows.Sort((a, b) => ScoredRow.Compare(a, b));
            return rows;
        }

        if (runs.Count == 0)
        {
            buffer.Sort((a, b) => ScoredRow.Compare(a, b));
            return buffer;
        }

        if (buffer.Count > 0)
        {
            Spill();
        }

        return Merge();
    }

    public void Dispose()
    {
        if (spillDir is not null && Directory.Exists(spillDir))
        {
            Directory.Delete(spillDir, recursive: true);
        }
    }

    private void Spill()
    {
        buffer.Sort((a, b) => ScoredRow.Compare(a, b));
        spillDir ??= Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "ipsml-rank-" + Guid.NewGuid().ToString("N"))).FullName;
        var path = Path.Combine(spillDir, $"run-{runs.Count:D5}.bin");
        using (var writer = new BinaryWriter(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16)))
        {
            foreach (var row in buffer)
            {
                Write(writer, row);
            }
        }

        runs.Add(path);
        buffer.Clear();
    }

    private IEnumerable<ScoredRow> Merge()
    {
        var readers = runs.Select(r => new BinaryReader(new FileStream(r, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16))).ToList();
        try
        {
            var next = new PriorityQueue<int, ScoredRow>(Comparer<ScoredRow>.Create((a, b) => ScoredRow.Compare(a, b)));
            for (var r = 0; r < readers.Count; r++)
            {
                if (TryRead(readers[r], out var row))
                {
                    next.Enqueue(r, row);
                }
            }

            while (next.TryDequeue(out var r, out var row))
            {
                yield return row;
                if (TryRead(readers[r], out var following))
                {
                    next.Enqueue(r, following);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static void Write(BinaryWriter writer, in ScoredRow row)
    {
        writer.Write(row.Order);
        writer.Write(row.Source);
        writer.Write(row.Line);
        writer.Write(row.Ticks);
        writer.Write((byte)row.Hour);
        writer.Write(row.Probability);
        WriteAddress(writer, row.Remote);
        WriteAddress(writer, row.Peer);
        writer.Write(row.Label is not null);
        if (row.Label is not null)
        {
            writer.Write(row.Label);
        }
    }

    private static bool TryRead(BinaryReader reader, out ScoredRow row)
    {
        row = default;
        if (reader.BaseStream.Position >= reader.BaseStream.Length)
        {
            return false;
        }

        var order = reader.ReadInt64();
        var source = reader.ReadInt32();
        var line = reader.ReadInt64();
        var ticks = reader.ReadInt64();
        var hour = reader.ReadByte();
        var p = reader.ReadSingle();
        var remote = ReadAddress(reader)!;
        var peer = ReadAddress(reader);
        var label = reader.ReadBoolean() ? reader.ReadString() : null;
        row = new ScoredRow(order, source, line, ticks, remote, peer, hour, p, label);
        return true;
    }

    private static void WriteAddress(BinaryWriter writer, IPAddress? address)
    {
        if (address is null)
        {
            writer.Write((byte)0);
            return;
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        writer.Write((byte)length);
        writer.Write(bytes[..length]);
    }

    private static IPAddress? ReadAddress(BinaryReader reader)
    {
        var length = reader.ReadByte();
        return length == 0 ? null : new IPAddress(reader.ReadBytes(length));
    }
}
