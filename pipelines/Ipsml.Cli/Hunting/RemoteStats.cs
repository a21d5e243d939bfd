using System.Net;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// What the log says about one remote address: connections, first and last seen, the highest and the mean
/// probability, where the highest one was (hour, time, input line) and how many distinct local hosts talked to it
/// (counted exactly up to <see cref="MaxPeers"/>).
/// </summary>
internal sealed class RemoteStats(IPAddress remote, long order)
{
    public const int MaxPeers = 8;

    private IPAddress[]? peers;

    public IPAddress Remote { get; } = remote;

    /// <summary>When the address was first seen in the input (0-based), the last tie-break.</summary>
    public long Order { get; } = order;

    public long Connections { get; private set; }

    /// <summary>UTC ticks; 0 when the input has no times.</summary>
    public long FirstTicks { get; private set; }

    public long LastTicks { get; private set; }

    public float MaxProbability { get; private set; } = float.NegativeInfinity;

    public double SumProbability { get; private set; }

    public double MeanProbability => Connections == 0 ? 0 : SumProbability / Connections;

    public int HourAtMax { get; private set; }

    public int SourceAtMax { get; private set; }

    public long LineAtMax { get; private set; }

    /// <summary>Distinct local ends seen, up to <see cref="MaxPeers"/>.</summary>
    public int Peers { get; private set; }

    public void Add(ConnectionBatch batch, int i)
    {
        var p = batch.Probabilities[i];
        var ticks = batch.Ticks[i];
        Connections++;
        SumProbability += p;
        if (ticks != 0)
        {
            FirstTicks = FirstTicks == 0 ? ticks : Math.Min(FirstTicks, ticks);
            LastTicks = Math.Max(LastTicks, ticks);
        }

        if (p > MaxProbability)
        {
            MaxProbability = p;
            HourAtMax = batch.Connections[i].Hour;
            SourceAtMax = batch.Source;
            LineAtMax = batch.Lines[i];
        }

        if (batch.Peers[i] is { } peer && Peers < MaxPeers)
        {
            peers ??= new IPAddress[MaxPeers];
            if (Array.IndexOf(peers, peer, 0, Peers) < 0)
            {
                peers[Peers++] = peer;
            }
        }
    }

    /// <summary>Highest probability first, then the higher mean, more connections, first seen earlier.</summary>
    public static int Compare(RemoteStats a, RemoteStats b)
    {
        var c = b.MaxProbability.CompareTo(a.MaxProbability);
        if (c == 0)
        {
            c = b.MeanProbability.CompareTo(a.MeanProbability);
        }

        if (c == 0)
        {
            c = b.Connections.CompareTo(a.Connections);
        }

        return c != 0 ? c : a.Order.CompareTo(b.Order);
    }
}
