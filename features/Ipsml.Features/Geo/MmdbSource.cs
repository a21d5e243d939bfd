using System.Globalization;
using System.Net;
using MaxMind.Db;

namespace Ipsml.Features.Geo;

/// <summary>
/// One memory-mapped MaxMind DB file read through <see cref="Reader.Find{T}(IPAddress, out int, InjectableValues?)"/>
/// into a small record type, with answers cached by the record's own network. Thread-safe; lookups never throw:
/// an address the file cannot answer gives <c>unknown</c>, and a record the file cannot decode gives <c>unknown</c>
/// and is counted in <see cref="LookupErrors"/>.
/// </summary>
internal sealed class MmdbSource<TRecord, TAnswer> : IDisposable
    where TRecord : class
    where TAnswer : class
{
    private readonly Reader reader;
    private readonly NetworkCache<TAnswer> cache;
    private readonly Func<TRecord, TAnswer> toAnswer;
    private readonly TAnswer unknown;
    private readonly bool ipv4Only;
    private long lookupErrors;

    private MmdbSource(Reader reader, GeoDatabaseInfo info, Func<TRecord, TAnswer> toAnswer, TAnswer unknown, int cacheSlots)
    {
        this.reader = reader;
        this.toAnswer = toAnswer;
        this.unknown = unknown;
        Info = info;
        ipv4Only = reader.Metadata.IPVersion == 4;
        cache = new NetworkCache<TAnswer>(cacheSlots);
    }

    public GeoDatabaseInfo Info { get; }

    public long LookupErrors => Interlocked.Read(ref lookupErrors);

    /// <summary>Opens <paramref name="path"/> and checks that its database type is one this role can read.</summary>
    /// <param name="sha256">The file's SHA-256 when the caller has just computed it; computed here otherwise.</param>
    public static MmdbSource<TRecord, TAnswer> Open(
        string path,
        string role,
        string source,
        IReadOnlyList<string> acceptedTypeParts,
        Func<TRecord, TAnswer> toAnswer,
        TAnswer unknown,
        int cacheSlots,
        string? sha256 = null)
    {
        Reader reader;
        try
        {
            reader = new Reader(path, FileAccessMode.MemoryMapped);
        }
        catch (Exception ex) when (ex is IOException or InvalidDatabaseException or UnauthorizedAccessException)
        {
            throw new GeoSourceException($"Cannot open the {role} database {path}: {ex.Message}", ex);
        }

        try
        {
            var metadata = reader.Metadata;
            if (!acceptedTypeParts.Any(part => metadata.DatabaseType.Contains(part, StringComparison.OrdinalIgnoreCase)))
            {
                throw new GeoSourceException(
                    $"{path} is a {metadata.DatabaseType} database; the {role} role needs one of: {string.Join(", ", acceptedTypeParts)}.");
            }

            var built = AsUtc(metadata.BuildDate);
            var info = new GeoDatabaseInfo(
                role,
                metadata.DatabaseType,
                source,
                Path.GetFileName(path),
                built.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                sha256 ?? GeoFileHash.Sha256Hex(path),
                GeoLicences.ForMmdb(metadata.DatabaseType, built));
            return new MmdbSource<TRecord, TAnswer>(reader, info, toAnswer, unknown, cacheSlots);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public TAnswer Lookup(IPAddress address)
    {
        address = IpAddressBits.Normalize(address);
        if (IpAddressBits.TryGetIpv4(address, out var v4))
        {
            if (cache.TryGet(v4, out var cached))
            {
                return cached;
            }

            var answer = Find(address, out var prefix);
            cache.Add(v4, prefix, answer);
            return answer;
        }

        if (IpAddressBits.TryGetIpv6(address, out var v6))
        {
            if (cache.TryGet(v6, out var cached))
            {
                return cached;
            }

            var answer = Find(address, out var prefix);
            cache.Add(v6, prefix, answer);
            return answer;
        }

        return unknown;
    }

    /// <summary>The answer straight from the file, bypassing the cache (for checks and benchmarks).</summary>
    public TAnswer LookupUncached(IPAddress address) => Find(IpAddressBits.Normalize(address), out _);

    public void Dispose() => reader.Dispose();

    /// <summary>The record for <paramref name="address"/> and its network's prefix length; -1 when nothing may be cached.</summary>
    private TAnswer Find(IPAddress address, out int prefixLength)
    {
        prefixLength = -1;
        if (ipv4Only && address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return unknown;
        }

        try
        {
            var record = reader.Find<TRecord>(address, out prefixLength);
            return record is null ? unknown : toAnswer(record);
        }
        catch (Exception)
        {
            // A corrupt record or a disposed reader: the address gets no answer, never an exception.
            Interlocked.Increment(ref lookupErrors);
            prefixLength = -1;
            return unknown;
        }
    }

    private static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
