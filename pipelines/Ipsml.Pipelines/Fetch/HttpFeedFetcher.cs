using System.Globalization;
using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Live fetch: downloads every URL of every enabled feed into the <see cref="ContentCache"/>.
/// Each URL gets one resilient download (per-attempt timeout, retries with exponential backoff and jitter for
/// transient failures, conditional GET against the last cached copy, decompression, size cap, redirect limit,
/// content-type and length checks). A URL that still fails falls back to its newest cached copy
/// ("stale-cache") and the feed carries a warning naming the error and the copy's age; with no copy the file is
/// missing and the warning says so. Nothing here throws for a failed download; cancellation does throw.
/// </summary>
public sealed class HttpFeedFetcher : IDisposable
{
    public const string Mode = "live";

    public const string Fresh = "fresh";

    public const string NotModified = "not-modified";

    public const string StaleCache = "stale-cache";

    private readonly ContentCache cache;

    private readonly HttpFetchOptions options;

    private readonly HttpClient client;

    private readonly TimeProvider clock;

    private readonly ResiliencePipeline pipeline;

    /// <param name="cache">Where downloads land (normally over <c>RunLayout.FeedCacheDir</c>).</param>
    /// <param name="options">Timeouts, retries, caps; defaults when null.</param>
    /// <param name="handler">
    /// Transport to use instead of <see cref="CreateHandler"/>'s (not disposed by the fetcher). It must do the
    /// redirect limit and decompression itself if those are wanted.
    /// </param>
    /// <param name="clock">Source of fetch times in provenance and of stale-copy ages; not of retry delays.</param>
    public HttpFeedFetcher(ContentCache cache, HttpFetchOptions? options = null, HttpMessageHandler? handler = null, TimeProvider? clock = null)
    {
        this.cache = cache;
        this.options = options ?? new HttpFetchOptions();
        this.options.Validate();
        this.clock = clock ?? TimeProvider.System;
        client = handler is null
            ? new HttpClient(CreateHandler(this.options), disposeHandler: true)
            : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.UserAgent.TryParseAdd(this.options.UserAgent);
        pipeline = BuildPipeline(this.options);
    }

    /// <summary>The transport the fetcher uses by default: decompression, redirect limit, connect timeout, proxy choice.</summary>
    public static SocketsHttpHandler CreateHandler(HttpFetchOptions options) => new()
    {
        AutomaticDecompression = DecompressionMethods.All,
        AllowAutoRedirect = options.MaxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
        ConnectTimeout = options.ConnectTimeout,
        UseProxy = options.UseProxy,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    /// <summary>Fetches every enabled feed of the registry.</summary>
    public Task<LiveFetchResult> FetchAsync(FeedRegistry registry, CancellationToken cancellationToken = default) =>
        FetchAsync(registry.Enabled, cancellationToken);

    /// <summary>Fetches the given feeds (at most <see cref="HttpFetchOptions.MaxParallelFeeds"/> at once); results keep their order.</summary>
    public async Task<LiveFetchResult> FetchAsync(IEnumerable<FeedDefinition> feeds, CancellationToken cancellationToken = default)
    {
        var list = feeds.ToList();
        var results = new (FetchedFeed Feed, List<FetchFailure> Failures)[list.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, list.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxParallelFeeds, CancellationToken = cancellationToken },
            async (i, token) => results[i] = await FetchFeedAsync(list[i], token).ConfigureAwait(false)).ConfigureAwait(false);

        var sources = new FetchedSources { Mode = Mode, Feeds = results.Select(r => r.Feed).ToList() };
        return new LiveFetchResult(sources, results.SelectMany(r => r.Failures).ToList());
    }

    public void Dispose() => client.Dispose();

    private async Task<(FetchedFeed Feed, List<FetchFailure> Failures)> FetchFeedAsync(FeedDefinition feed, CancellationToken cancellationToken)
    {
        if (feed.Urls.Count == 0)
        {
            const string error = "has no live urls (snapshot only)";
            return (new FetchedFeed { Feed = feed.Name, Files = [], Warning = $"feed '{feed.Name}' {error}" },
                [new FetchFailure(feed.Name, null, error, null)]);
        }

        var files = new List<FetchedFile>();
        var warnings = new List<string>();
        var failures = new List<FetchFailure>();
        foreach (var url in feed.Urls)
        {
            var (file, failure, warning) = await FetchUrlAsync(feed, url, cancellationToken).ConfigureAwait(false);
            if (file is not null)
            {
                files.Add(file);
            }

            if (failure is not null)
            {
                failures.Add(failure);
            }

            if (warning is not null)
            {
                warnings.Add(warning);
            }
        }

        var feedWarning = warnings.Count == 0 ? null : $"feed '{feed.Name}': {string.Join("; ", warnings)}";
        return (new FetchedFeed { Feed = feed.Name, Files = files, Warning = feedWarning }, failures);
    }

    private async Task<(FetchedFile? File, FetchFailure? Failure, string? Warning)> FetchUrlAsync(
        FeedDefinition feed, string url, CancellationToken cancellationToken)
    {
        var previous = await cache.LatestVerifiedAsync(url, cancellationToken).ConfigureAwait(false);
        var attempts = 0;
        string error;
        try
        {
            var outcome = await pipeline.ExecuteAsync(
                async token =>
                {
                    Interlocked.Increment(ref attempts);
                    return await AttemptAsync(feed, url, previous, token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return (await RecordAsync(feed, url, previous, outcome, cancellationToken).ConfigureAwait(false), null, null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is FetchAttemptException or HttpRequestException or TimeoutRejectedException
                                      or IOException or OperationCanceledException or UnauthorizedAccessException)
        {
            error = Describe(e);
            if (attempts > 1)
            {
                error += string.Create(CultureInfo.InvariantCulture, $" (after {attempts} attempts)");
            }
        }

        if (previous is null)
        {
            return (null, new FetchFailure(feed.Name, url, error, null), $"{url}: {error}; no cached copy");
        }

        var age = clock.GetUtcNow() - previous.FetchedAt;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        var file = new FetchedFile
        {
            Origin = url,
            Path = cache.BlobPath(previous.Sha256),
            Sha256 = previous.Sha256,
            Bytes = previous.Bytes,
            Status = StaleCache,
            FetchedAt = previous.FetchedAt,
        };
        var warning = $"{url}: {error}; using the cached copy of {AgeText.Utc(previous.FetchedAt)} ({AgeText.Format(age)} old)";
        return (file, new FetchFailure(feed.Name, url, error, age), warning);
    }

    private async ValueTask<DownloadAttempt> AttemptAsync(FeedDefinition feed, string url, DownloadRecord? previous, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (previous?.ETag is { } etag)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", etag);
        }

        if (previous?.LastModified is { } lastModified)
        {
            request.Headers.IfModifiedSince = lastModified;
        }

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
        var status = (int)response.StatusCode;
        var statusText = $"HTTP {status} {response.ReasonPhrase}".TrimEnd();
        var newETag = response.Headers.ETag?.ToString();
        var newLastModified = response.Content.Headers.LastModified;
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return previous is null
                ? throw new FetchAttemptException($"{statusText} to an unconditional request", transient: false)
                : new DownloadAttempt(null, status, newETag, newLastModified, null);
        }

        if (status is >= 300 and < 400)
        {
            throw new FetchAttemptException(
                $"{statusText}: redirect not followed (more than {options.MaxRedirects} redirects, or no usable Location)", transient: false);
        }

        if (status is 408 or 429 or >= 500)
        {
            throw new FetchAttemptException(statusText, transient: true, RetryAfter(response));
        }

        if (status is < 200 or >= 300)
        {
            throw new FetchAttemptException(statusText, transient: false);
        }

        var htmlAllowed = feed.Format.Contains("html", StringComparison.OrdinalIgnoreCase);
        var contentType = response.Content.Headers.ContentType;
        if (!htmlAllowed && !options.AcceptHtmlContentType.Contains(feed.Name) && contentType?.MediaType is { } media
            && (media.Equals("text/html", StringComparison.OrdinalIgnoreCase) || media.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase)))
        {
            throw new FetchAttemptException($"{statusText} served {media} for a '{feed.Format}' feed (an error or login page?)", transient: false);
        }

        var cap = options.MaxBytesFor(feed.Name);
        var declared = response.Content.Headers.ContentLength;
        if (declared > cap)
        {
            throw new FetchAttemptException($"Content-Length {declared} exceeds the size cap of {cap} bytes", transient: false);
        }

        var body = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
        await using var guarded = new GuardedBodyStream(body, cap, declared, rejectHtml: !htmlAllowed);
        var blob = await cache.AddAsync(guarded, token).ConfigureAwait(false);
        return new DownloadAttempt(blob, status, newETag, newLastModified, contentType?.ToString());
    }

    private async Task<FetchedFile> RecordAsync(
        FeedDefinition feed, string url, DownloadRecord? previous, DownloadAttempt outcome, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DownloadRecord record;
        string status;
        if (outcome.Blob is { } blob)
        {
            status = Fresh;
            record = new DownloadRecord
            {
                Url = url,
                Feed = feed.Name,
                FetchedAt = now,
                HttpStatus = outcome.HttpStatus,
                Sha256 = blob.Sha256,
                Bytes = blob.Bytes,
                ETag = outcome.ETag,
                LastModified = outcome.LastModified,
                ContentType = outcome.ContentType,
            };
        }
        else
        {
            status = NotModified;
            var confirmed = previous!;
            record = confirmed with
            {
                Feed = feed.Name,
                FetchedAt = now,
                HttpStatus = outcome.HttpStatus,
                ETag = outcome.ETag ?? confirmed.ETag,
                LastModified = outcome.LastModified ?? confirmed.LastModified,
            };
        }

        await cache.AppendAsync(record, cancellationToken).ConfigureAwait(false);
        return new FetchedFile
        {
            Origin = url,
            Path = cache.BlobPath(record.Sha256),
            Sha256 = record.Sha256,
            Bytes = record.Bytes,
            Status = status,
            FetchedAt = now,
        };
    }

    private static ResiliencePipeline BuildPipeline(HttpFetchOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder()
                    .Handle<FetchAttemptException>(e => e.Transient)
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>()
                    .Handle<IOException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.RetryJitter,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,
                DelayGenerator = args => new ValueTask<TimeSpan?>(
                    args.Outcome.Exception is FetchAttemptException { RetryAfter: { } after }
                        ? (after < options.RetryMaxDelay ? after : options.RetryMaxDelay)
                        : null),
            });
        }

        return builder.AddTimeout(options.RequestTimeout).Build();
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    private string Describe(Exception e) => e switch
    {
        FetchAttemptException f => f.Message,
        TimeoutRejectedException => string.Create(CultureInfo.InvariantCulture, $"timed out after {options.RequestTimeout.TotalSeconds:0.###} s"),
        HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded } io => $"truncated body: {io.Message}",
        HttpRequestException h => h.HttpRequestError == HttpRequestError.Unknown ? h.Message : $"{h.HttpRequestError}: {h.Message}",
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>What one successful attempt got: a new blob (2xx) or none (304).</summary>
    private sealed record DownloadAttempt(CachedBlob? Blob, int HttpStatus, string? ETag, DateTimeOffset? LastModified, string? ContentType);
}
