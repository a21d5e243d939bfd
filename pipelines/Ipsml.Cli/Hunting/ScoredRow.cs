using System.Net;

namespace Ipsml.Cli.Hunting;

/// <summary>One scored connection as it is ranked and printed.</summary>
/// <param name="Order">Position in the whole input (0-based), the tie-break between equal probabilities.</param>
/// <param name="Ticks">UTC ticks of the connection's time; 0 when the input has none.</param>
internal readonly record struct ScoredRow(
    long Order,
    int Source,
    long Line,
    long Ticks,
    IPAddress Remote,
    IPAddress? Peer,
    int Hour,
    float Probability,
    string? Label)
{
    /// <summary>Higher probability first; among equals, earlier in the input first.</summary>
    public static int Compare(in ScoredRow a, in ScoredRow b)
    {
        var byScore = b.Probability.CompareTo(a.Probability);
        return byScore != 0 ? byScore : a.Order.CompareTo(b.Order);
    }
}
