namespace Ipsml.Pipelines.Fetch;

/// <summary>One download attempt failed for a reason the fetcher understands; <see cref="Transient"/> ones are retried.</summary>
internal sealed class FetchAttemptException(string message, bool transient, TimeSpan? retryAfter = null) : Exception(message)
{
    public bool Transient { get; } = transient;

    /// <summary>The server's Retry-After, when it sent one (429, 503).</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
