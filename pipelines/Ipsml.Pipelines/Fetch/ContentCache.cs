using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Content-addressed store of downloads under <c>RunLayout.FeedCacheDir</c>:
/// <code>
/// blobs/SHA256        the bytes, written once via tmp/ and an atomic rename, never rewritten
/// provenance.jsonl    append-only log, one <see cref="DownloadRecord"/> per line
/// dns/answers.json    DNS answers of the top-list resolver, with their resolution time
/// tmp/                partial writes (same file system as blobs/, so the rename is atomic)
/// </code>
/// </summary>
public sealed class ContentCache
{
    private static readonly JsonSerializerOptions LogJson = new() { WriteIndented = false };

    private static readonly SemaphoreSlim LogLock = new(1, 1);

    public ContentCache(string root)
    {
        Root = Path.GetFullPath(root);
    }

    public string Root { get; }

    /// <summary>The cache of a run layout (<see cref="RunLayout.FeedCacheDir"/>).</summary>
    public static ContentCache For(RunLayout layout) => new(layout.FeedCacheDir);

    public string BlobsDir => Path.Combine(Root, "blobs");

    public string TempDir => Path.Combine(Root, "tmp");

    public string ProvenanceLog => Path.Combine(Root, "provenance.jsonl");

    public string DnsAnswers => Path.Combine(Root, "dns", "answers.json");

    public string BlobPath(string sha256) => Path.Combine(BlobsDir, sha256);

    /// <summary>
    /// Copies <paramref name="content"/> to a temporary file while hashing it, then renames it to <c>blobs/SHA256</c>.
    /// If the stream throws (size cap, truncation, timeout), nothing is left behind and the exception propagates.
    /// </summary>
    public async Task<CachedBlob> AddAsync(Stream content, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(TempDir);
        Directory.CreateDirectory(BlobsDir);
        var temp = Path.Combine(TempDir, $"{Guid.NewGuid():N}.part");
        try
        {
            string sha;
            long bytes = 0;
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    bytes += read;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }

            var target = BlobPath(sha);
            if (File.Exists(target))
            {
                File.Delete(temp);
            }
            else
            {
                // Same bytes under the same name: if another writer won the race, replacing it changes nothing.
                File.Move(temp, target, overwrite: true);
            }

            return new CachedBlob(sha, bytes, target);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Appends one record to the provenance log (one write per line, so lines never interleave).</summary>
    public async Task AppendAsync(DownloadRecord record, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Root);
        var line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(record, LogJson) + "\n");
        await LogLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var log = new FileStream(ProvenanceLog, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
            await log.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await log.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            LogLock.Release();
        }
    }

    /// <summary>All readable records in log order. A torn or foreign line is skipped, never thrown.</summary>
    public IReadOnlyList<DownloadRecord> ReadLog()
    {
        if (!File.Exists(ProvenanceLog))
        {
            return [];
        }

        var records = new List<DownloadRecord>();
        using var stream = new FileStream(ProvenanceLog, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                if (JsonSerializer.Deserialize<DownloadRecord>(line, LogJson) is { } record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // A line cut short by a crash mid-append: the blob it named is simply not reachable through it.
            }
        }

        return records;
    }

    /// <summary>
    /// The newest record for <paramref name="url"/> whose blob is present and still hashes to its name;
    /// null when there is none. Corrupted or deleted blobs are passed over.
    /// </summary>
    public async Task<DownloadRecord?> LatestVerifiedAsync(string url, CancellationToken cancellationToken = default)
    {
        var candidates = ReadLog()
            .Where(r => string.Equals(r.Url, url, StringComparison.Ordinal))
            .OrderByDescending(r => r.FetchedAt)
            .ToList();
        var checkedBlobs = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var record in candidates)
        {
            if (!checkedBlobs.TryGetValue(record.Sha256, out var ok))
            {
                ok = await VerifyAsync(record.Sha256, record.Bytes, cancellationToken).ConfigureAwait(false);
                checkedBlobs[record.Sha256] = ok;
            }

            if (ok)
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>True when <c>blobs/SHA256</c> exists, has the expected size, and its bytes hash to its name.</summary>
    public async Task<bool> VerifyAsync(string sha256, long bytes, CancellationToken cancellationToken = default)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
        {
            return false;
        }

        var path = BlobPath(sha256);
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != bytes)
        {
            return false;
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        return string.Equals(actual, sha256, StringComparison.Ordinal);
    }

    /// <summary>Writes <paramref name="text"/> to <paramref name="path"/> through a temporary file and an atomic rename.</summary>
    internal async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(TempDir);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(TempDir, $"{Guid.NewGuid():N}.part");
        try
        {
            await File.WriteAllTextAsync(temp, text, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
