using System.Net;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Aggregates scored connections per remote address. Memory is proportional to the number of distinct remote
/// addresses (one <see cref="RemoteStats"/> each, about 200 bytes), not to the number of connections.
/// </summary>
internal sealed class RemoteAggregator
{
    private readonly Dictionary<IPAddress, RemoteStats> byRemote = [];
    private long order;

    public int Count => byRemote.Count;

    public void Add(ConnectionBatch batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            var remote = batch.Connections[i].Address;
            if (!byRemote.TryGetValue(remote, out var stats))
            {
                stats = new RemoteStats(remote, order++);
                byRemote.Add(remote, stats);
            }

            stats.Add(batch, i);
        }
    }

    /// <summary>Remote addresses whose highest probability reaches <paramref name="threshold"/>, best first, at most <paramref name="top"/>.</summary>
    public IReadOnlyList<RemoteStats> Ranked(int? top, double? threshold)
    {
        var floor = threshold is { } t ? (float)t : float.NegativeInfinity;
        var list = byRemote.Values.Where(s => s.MaxProbability >= floor).ToList();
        list.Sort(RemoteStats.Compare);
        return top is { } n && list.Count > n ? list.GetRange(0, n) : list;
    }

    public IEnumerable<RemoteStats> All => byRemote.Values;
}
