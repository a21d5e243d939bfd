namespace Ipsml.Pipelines.Fetch;

/// <summary>Settings of <see cref="HttpFeedFetcher"/>. Defaults suit a nightly run; tests shorten the times.</summary>
public sealed record HttpFetchOptions
{
    public const long DefaultMaxBytes = 64L * 1024 * 1024;

    /// <summary>Limit for one attempt, from sending the request to the last byte of the body.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Retries after the first attempt, for timeouts, connection errors, truncated bodies, 408, 429 and 5xx.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First retry delay; doubles per retry (exponential backoff), with jitter when <see cref="RetryJitter"/> is set.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Ceiling of one retry delay, also for a server's Retry-After.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    public bool RetryJitter { get; init; } = true;

    /// <summary>Largest body accepted for one download (after decompression); the stream is aborted past it.</summary>
    public long MaxBytes { get; init; } = DefaultMaxBytes;

    /// <summary>Per-feed overrides of <see cref="MaxBytes"/>, keyed by feed name.</summary>
    public IReadOnlyDictionary<string, long> MaxBytesByFeed { get; init; } = new Dictionary<string, long>();

    /// <summary>
    /// Feeds whose server labels plain data as text/html; for them the Content-Type check is skipped
    /// (the body is still refused if it starts like an HTML page). Feeds whose format name contains "html" never need it.
    /// </summary>
    public IReadOnlySet<string> AcceptHtmlContentType { get; init; } = new HashSet<string>();

    /// <summary>Redirects followed per request; one more is a failure (so a loop fails cleanly).</summary>
    public int MaxRedirects { get; init; } = 5;

    /// <summary>Feeds downloaded at the same time.</summary>
    public int MaxParallelFeeds { get; init; } = 4;

    public string UserAgent { get; init; } = "ipsml-fetch/1.0";

    /// <summary>Use the environment's proxy settings (HTTP_PROXY and friends). Tests switch it off.</summary>
    public bool UseProxy { get; init; } = true;

    public long MaxBytesFor(string feed) => MaxBytesByFeed.TryGetValue(feed, out var cap) ? cap : MaxBytes;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad setting.</summary>
    public void Validate()
    {
        // Polly's timeout strategy accepts 10 ms .. 1 day.
        if (RequestTimeout < TimeSpan.FromMilliseconds(10) || RequestTimeout > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), RequestTimeout, "must be between 10 ms and 1 day");
        }

        if (ConnectTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), ConnectTimeout, "must be positive");
        }

        if (MaxRetries < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRetries), MaxRetries, "must not be negative");
        }

        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(RetryBaseDelay), RetryBaseDelay, "must be >= 0 and <= RetryMaxDelay");
        }

        if (MaxBytes <= 0 || MaxBytesByFeed.Values.Any(v => v <= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBytes), MaxBytes, "size caps must be positive");
        }

        if (MaxRedirects < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxRedirects), MaxRedirects, "must not be negative");
        }

        if (MaxParallelFeeds < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxParallelFeeds), MaxParallelFeeds, "must be at least 1");
        }
    }
}
