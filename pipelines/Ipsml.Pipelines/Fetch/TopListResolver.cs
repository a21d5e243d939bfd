using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DnsClient;
using Ipsml.Features.Inputs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Benign side, live mode: turns a downloaded Umbrella top list (<c>rank,domain</c>) into the addresses its first
/// N domains resolve to, written as a CSV blob in the <see cref="ContentCache"/> with lines
/// <c>rank,domain,ip,resolved_at</c> (no header, LF, one line per address, A before AAAA, list order).
/// Answers are cached on disk with their resolution time and reused while younger than
/// <see cref="TopListOptions.MaxAnswerAge"/>; <c>resolved_at</c> is the time of the answer used.
/// If nothing can be resolved, the newest earlier result for the same list URL and N is used ("stale-cache").
/// </summary>
public sealed class TopListResolver
{
    /// <summary>Reader format of the output: the <c>rank,domain,ip</c> format with a 4th column <c>resolved_at</c>.</summary>
    public const string OutputFormat = "rank-domain-ip";

    private readonly ContentCache cache;

    private readonly TopListOptions options;

    private readonly TimeProvider clock;

    private readonly LookupClient lookup;

    public TopListResolver(ContentCache cache, TopListOptions? options = null, TimeProvider? clock = null)
    {
        this.cache = cache;
        this.options = options ?? new TopListOptions();
        this.options.Validate();
        this.clock = clock ?? TimeProvider.System;
        var lookupOptions = this.options.NameServers.Count == 0
            ? new LookupClientOptions()
            : new LookupClientOptions(this.options.NameServers.Select(e => new NameServer(e)).ToArray());
        lookupOptions.UseCache = false;
        lookupOptions.Timeout = this.options.Timeout;
        lookupOptions.Retries = this.options.Retries;
        lookupOptions.ThrowDnsErrors = false;
        lookupOptions.ContinueOnDnsError = true;
        lookupOptions.UseTcpFallback = true;
        lookup = new LookupClient(lookupOptions);
    }

    /// <summary>The provenance key (and <see cref="FetchedFile.Origin"/>) of the resolved list made from <paramref name="listOrigin"/>.</summary>
    public string ResolvedOrigin(string listOrigin) =>
        string.Create(CultureInfo.InvariantCulture, $"resolved-top-{options.Count}:{listOrigin}");

    /// <summary>
    /// Resolves the first N domains of <paramref name="list"/> (a fetched file of feed <paramref name="feed"/>).
    /// Never throws for bad list rows or failed lookups; cancellation throws.
    /// </summary>
    public async Task<TopListResolution> ResolveAsync(FetchedFile list, string feed, CancellationToken cancellationToken = default)
    {
        var origin = ResolvedOrigin(list.Origin);
        IReadOnlyList<TopListEntry> entries;
        IReadOnlyList<LineDrop> drops;
        try
        {
            (entries, drops) = TopListFile.Read(list.Path, options.Count);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            return await StaleAsync(origin, $"cannot read top list {list.Path}: {e.Message}", new TopListResolution(), cancellationToken).ConfigureAwait(false);
        }

        if (entries.Count == 0)
        {
            return await StaleAsync(origin, $"top list {list.Path} has no usable rank,domain rows", new TopListResolution { Drops = drops }, cancellationToken).ConfigureAwait(false);
        }

        var now = clock.GetUtcNow();
        var answers = DnsAnswerCache.Load(cache.DnsAnswers);
        var results = new DomainResult[entries.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, entries.Count),
            new ParallelOptions { MaxDegreeOfParallelism = options.MaxConcurrency, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var domain = entries[i].Domain;
                if (answers.TryGetValue(domain, out var cached) && IsUsable(cached, now))
                {
                    results[i] = new DomainResult(cached, FromCache: true, Error: null);
                    return;
                }

                results[i] = await LookupAsync(domain, now, token).ConfigureAwait(false);
            }).ConfigureAwait(false);

        var counts = Count(entries, results, drops);
        var fresh = results.Where(r => !r.FromCache && r.Error is null).ToList();
        if (fresh.Count > 0)
        {
            for (var i = 0; i < entries.Count; i++)
            {
                if (!results[i].FromCache && results[i].Error is null)
                {
                    answers[entries[i].Domain] = results[i].Answer;
                }
            }

            await DnsAnswerCache.SaveAsync(cache, answers, now, options.MaxAnswerAge, cancellationToken).ConfigureAwait(false);
        }

        var firstError = entries.Zip(results).FirstOrDefault(p => p.Second.Error is not null);
        if (counts.Resolved == 0 && counts.Failed > 0)
        {
            var error = $"all {counts.Failed} lookups failed (first: {firstError.First.Domain}: {firstError.Second.Error})";
            return await StaleAsync(origin, error, counts, cancellationToken).ConfigureAwait(false);
        }

        var csv = WriteCsv(entries, results, out var rows);
        var blob = await cache.AddAsync(new MemoryStream(csv, writable: false), cancellationToken).ConfigureAwait(false);
        await cache.AppendAsync(
            new DownloadRecord
            {
                Url = origin,
                Feed = feed,
                FetchedAt = now,
                Sha256 = blob.Sha256,
                Bytes = blob.Bytes,
                ContentType = "text/csv",
                DerivedFrom = list.Sha256,
            },
            cancellationToken).ConfigureAwait(false);

        var problems = new List<string>();
        if (counts.Failed > 0)
        {
            problems.Add($"{counts.Failed} of {counts.Domains} domains could not be resolved (first: {firstError.First.Domain}: {firstError.Second.Error})");
        }

        if (drops.Count > 0)
        {
            problems.Add($"{drops.Count} list lines dropped (first: line {drops[0].Line}: {drops[0].Detail})");
        }

        return counts with
        {
            Rows = rows,
            Warning = problems.Count == 0 ? null : $"{origin}: {string.Join("; ", problems)}",
            File = new FetchedFile
            {
                Origin = origin,
                Path = blob.Path,
                Sha256 = blob.Sha256,
                Bytes = blob.Bytes,
                Status = HttpFeedFetcher.Fresh,
                FetchedAt = now,
            },
        };
    }

    /// <summary>
    /// Replaces every file of a downloaded top-list feed by its resolved CSV. The feed's warning keeps the download's
    /// warning and adds the resolver's.
    /// </summary>
    public async Task<FetchedFeed> ResolveFeedAsync(FetchedFeed downloaded, CancellationToken cancellationToken = default)
    {
        var files = new List<FetchedFile>();
        var warnings = new List<string>();
        if (downloaded.Warning is not null)
        {
            warnings.Add(downloaded.Warning);
        }

        foreach (var list in downloaded.Files)
        {
            var resolution = await ResolveAsync(list, downloaded.Feed, cancellationToken).ConfigureAwait(false);
            if (resolution.File is not null)
            {
                files.Add(resolution.File);
            }

            if (resolution.Warning is not null)
            {
                warnings.Add(resolution.Warning);
            }
        }

        return new FetchedFeed { Feed = downloaded.Feed, Files = files, Warning = warnings.Count == 0 ? null : string.Join("; ", warnings) };
    }

    private bool IsUsable(DnsAnswer cached, DateTimeOffset now) =>
        now - cached.ResolvedAt <= options.MaxAnswerAge && (cached.Aaaa is not null || !options.ResolveIPv6);

    private async Task<DomainResult> LookupAsync(string domain, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (a, aError) = await QueryAsync(domain, QueryType.A, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string>? aaaa = null;
        string? aaaaError = null;
        if (options.ResolveIPv6)
        {
            (aaaa, aaaaError) = await QueryAsync(domain, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        }

        var answer = new DnsAnswer { ResolvedAt = now, A = a, Aaaa = aaaa };
        return new DomainResult(answer, FromCache: false, aError ?? aaaaError);
    }

    private async Task<(IReadOnlyList<string> Addresses, string? Error)> QueryAsync(string domain, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await lookup.QueryAsync(domain, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var code = response.Header.ResponseCode;
            if (code == DnsHeaderResponseCode.NotExistentDomain)
            {
                return ([], null);
            }

            if (code != DnsHeaderResponseCode.NoError)
            {
                return ([], $"{type} {code}");
            }

            var family = type == QueryType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
            var addresses = response.Answers.OfType<DnsClient.Protocol.AddressRecord>()
                .Select(r => r.Address)
                .Where(address => address.AddressFamily == family)
                .Distinct()
                .Order(AddressOrder.Instance)
                .Select(address => address.ToString())
                .ToList();
            return (addresses, null);
        }
        catch (DnsResponseException e)
        {
            return ([], $"{type} {e.Code}: {e.Message}");
        }
        catch (SocketException e)
        {
            return ([], $"{type} {e.SocketErrorCode}: {e.Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ([], $"{type} timed out");
        }
    }

    private static TopListResolution Count(IReadOnlyList<TopListEntry> entries, DomainResult[] results, IReadOnlyList<LineDrop> drops)
    {
        int resolved = 0, noAddress = 0, failed = 0, fromCache = 0;
        foreach (var r in results)
        {
            fromCache += r.FromCache ? 1 : 0;
            if (r.Answer.A.Count + (r.Answer.Aaaa?.Count ?? 0) > 0)
            {
                resolved++;
            }
            else if (r.Error is not null)
            {
                failed++;
            }
            else
            {
                noAddress++;
            }
        }

        return new TopListResolution
        {
            Domains = entries.Count,
            Resolved = resolved,
            NoAddress = noAddress,
            Failed = failed,
            FromCache = fromCache,
            Drops = drops,
        };
    }

    private static byte[] WriteCsv(IReadOnlyList<TopListEntry> entries, DomainResult[] results, out int rows)
    {
        var text = new StringBuilder();
        rows = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            var answer = results[i].Answer;
            var at = AgeText.Utc(answer.ResolvedAt);
            foreach (var ip in answer.A.Concat(answer.Aaaa ?? []))
            {
                text.Append(CultureInfo.InvariantCulture, $"{entries[i].Rank},{entries[i].Domain},{ip},{at}\n");
                rows++;
            }
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private async Task<TopListResolution> StaleAsync(string origin, string error, TopListResolution counts, CancellationToken cancellationToken)
    {
        var previous = await cache.LatestVerifiedAsync(origin, cancellationToken).ConfigureAwait(false);
        if (previous is null)
        {
            return counts with { Warning = $"{origin}: {error}; no cached copy" };
        }

        var age = clock.GetUtcNow() - previous.FetchedAt;
        return counts with
        {
            Warning = $"{origin}: {error}; using the cached copy of {AgeText.Utc(previous.FetchedAt)} ({AgeText.Format(age)} old)",
            File = new FetchedFile
            {
                Origin = origin,
                Path = cache.BlobPath(previous.Sha256),
                Sha256 = previous.Sha256,
                Bytes = previous.Bytes,
                Status = HttpFeedFetcher.StaleCache,
                FetchedAt = previous.FetchedAt,
            },
        };
    }

    /// <summary>The answer used for one domain, whether it came from the cache, and the lookup error if any.</summary>
    private sealed record DomainResult(DnsAnswer Answer, bool FromCache, string? Error);

    /// <summary>Orders addresses by their bytes, so the CSV does not depend on the order of DNS answers.</summary>
    private sealed class AddressOrder : IComparer<IPAddress>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(IPAddress? x, IPAddress? y)
        {
            if (x is null || y is null)
            {
                return x is null ? (y is null ? 0 : -1) : 1;
            }

            var bx = x.GetAddressBytes();
            var by = y.GetAddressBytes();
            var length = bx.Length.CompareTo(by.Length);
            return length != 0 ? length : bx.AsSpan().SequenceCompareTo(by);
        }
    }
}
