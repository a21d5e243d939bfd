using System.Net;

namespace Ipsml.Pipelines.Fetch;

/// <summary>Settings of <see cref="TopListResolver"/>.</summary>
public sealed record TopListOptions
{
    /// <summary>How many domains to take from the top of the list (rank order as in the file).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Name servers to ask; empty means the machine's own resolvers.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; init; } = [];

    /// <summary>Time to wait for one DNS answer.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>DNS retries per query (DnsClient's own retry).</summary>
    public int Retries { get; init; } = 2;

    /// <summary>Domains resolved at the same time.</summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>Cached answers younger than this are reused instead of asking again.</summary>
    public TimeSpan MaxAnswerAge { get; init; } = TimeSpan.FromDays(7);

    /// <summary>Also ask for AAAA records.</summary>
    public bool ResolveIPv6 { get; init; } = true;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        if (Count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Count), Count, "must be at least 1");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "must be positive");
        }

        if (Retries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Retries), Retries, "must not be negative");
        }

        if (MaxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxConcurrency), MaxConcurrency, "must be at least 1");
        }

        if (MaxAnswerAge < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAnswerAge), MaxAnswerAge, "must not be negative");
        }
    }
}
