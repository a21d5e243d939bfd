using System.Numerics;
using System.Runtime.CompilerServices;

namespace Ipsml.Features.Geo;

/// <summary>
/// Collects inclusive ranges in file order and builds a <see cref="RangeTable{T}"/>. Ranges may come unsorted and may
/// overlap; where they overlap, the range that starts later (the more specific one) wins, ties going to the row added later.
/// An enclosing range keeps the parts on both sides of what it encloses.
/// </summary>
internal sealed class RangeTableBuilder<T>
    where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
{
    private static readonly Comparer<(T Start, long Seq)> LaterStartFirst =
        Comparer<(T Start, long Seq)>.Create((a, b) => b.CompareTo(a));

    private readonly List<Row> rows = [];
    private bool sorted = true;

    public int Count => rows.Count;

    /// <summary>Rows that overlapped another row and had their overlap resolved (set by <see cref="Build"/>).</summary>
    public int OverlappingRows { get; private set; }

    public void Add(T start, T end, int value)
    {
        if (rows.Count > 0 && start < rows[^1].Start)
        {
            sorted = false;
        }

        rows.Add(new Row(start, end, value, rows.Count));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public RangeTable<T> Build()
    {
        if (!sorted)
        {
            rows.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Seq.CompareTo(b.Seq));
        }

        var output = new List<Row>(rows.Count);
        OverlappingRows = 0;
        var i = 0;
        while (i < rows.Count)
        {
            // A cluster: rows that each start inside the span covered so far. Almost every cluster is one row.
            var maxEnd = rows[i].End;
            var j = i + 1;
            while (j < rows.Count && rows[j].Start <= maxEnd)
            {
                maxEnd = T.Max(maxEnd, rows[j].End);
                j++;
            }

            if (j == i + 1)
            {
                output.Add(rows[i]);
            }
            else
            {
                OverlappingRows += j - i;
                ResolveCluster(i, j, output);
            }

            i = j;
        }

        var starts = new T[output.Count];
        var ends = new T[output.Count];
        var values = new int[output.Count];
        for (var k = 0; k < output.Count; k++)
        {
            (starts[k], ends[k], values[k]) = (output[k].Start, output[k].End, output[k].Value);
        }

        return new RangeTable<T>(starts, ends, values);
    }

    /// <summary>
    /// Splits rows [from, to) at every start and every end + 1; between two such points the covering set is constant,
    /// and the covering row with the latest start answers for that piece. Pieces of the same row are joined again.
    /// </summary>
    private void ResolveCluster(int from, int to, List<Row> output)
    {
        var points = new SortedSet<T>();
        for (var k = from; k < to; k++)
        {
            points.Add(rows[k].Start);
            if (rows[k].End != T.MaxValue)
            {
                points.Add(rows[k].End + T.One);
            }
        }

        var pointList = points.ToList();
        var active = new PriorityQueue<int, (T Start, long Seq)>(LaterStartFirst);
        var next = from;
        Row? open = null;
        for (var p = 0; p < pointList.Count; p++)
        {
            var point = pointList[p];
            while (next < to && rows[next].Start <= point)
            {
                active.Enqueue(next, (rows[next].Start, rows[next].Seq));
                next++;
            }

            while (active.Count > 0 && rows[active.Peek()].End < point)
            {
                active.Dequeue();
            }

            if (active.Count == 0)
            {
                continue;
            }

            var winner = rows[active.Peek()];
            var pieceEnd = p + 1 < pointList.Count ? pointList[p + 1] - T.One : winner.End;
            if (open is { } current && current.Seq == winner.Seq && current.End + T.One == point)
            {
                output[^1] = current with { End = pieceEnd };
            }
            else
            {
                output.Add(winner with { Start = point, End = pieceEnd });
            }

            open = output[^1];
        }
    }

    private readonly record struct Row(T Start, T End, int Value, long Seq);
}
