using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Features.Net;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Scoring;

/// <summary>
/// Scores connections (remote address, UTC hour) with a published model: the same enrichment and encoding as
/// training (<see cref="FeatureEnricher"/>, <see cref="FeatureEncoder"/>), then the model, then the artifact's threshold.
/// Refuses geo databases other than the ones the model was trained with, unless told to allow them.
/// <para>
/// Answers are exact and cached twice, each cache fixed in size (direct-mapped, see <see cref="DefaultCacheEntries"/>):
/// by connection (address and hour: a repeated connection skips the geo lookups and the model) and by encoded feature
/// row (addresses in the same geo records and ASN at the same hour share a row: the model scores each row once). The
/// model is a function of the row, so a cached probability is the one the model would give again. Rows that miss both
/// caches are sent to the model together, one call per batch, duplicates once. Thread-safe: batches may be scored
/// from several threads at once.
/// </para>
/// <para>
/// Only public unicast addresses are scored: the model learnt from remote internet addresses, and the feeds and the
/// log readers drop private, loopback, link-local, multicast, documentation and other special-purpose space
/// (<see cref="AddressSpace"/>; an IPv4-mapped IPv6 address counts as its IPv4 address). A non-public address would
/// get a confident-looking probability that means nothing, so every <c>Score</c> overload refuses it with an
/// <see cref="ArgumentException"/> naming the address and its block; screen addresses with
/// <see cref="AddressSpace.Classify"/> (null: public) before scoring a batch that may hold them.
/// </para>
/// </summary>
public sealed class ConnectionScorer : IDisposable
{
    /// <summary>Default slots of each cache: 2^20 connections (32 MB) and 2^18 feature rows (about 9 MB).</summary>
    public const int DefaultCacheEntries = 1 << 20;

    private readonly FeatureEnricher enricher;
    private readonly FeatureEncoder encoder;
    private readonly ScoreCache<ConnectionKey> connections;
    private readonly ScoreCache<RowKey> rows;
    private readonly bool rowsUsePrefix;
    private long connectionHits;
    private long rowHits;
    private long modelRows;
    private long modelCalls;

    public ConnectionScorer(ModelArtifact artifact, IGeoLookup geo, bool allowGeoMismatch = false)
        : this(artifact, geo, allowGeoMismatch, DefaultCacheEntries)
    {
    }

    /// <param name="artifact">The loaded model.</param>
    /// <param name="geo">The geo databases (the model's, unless <paramref name="allowGeoMismatch"/>).</param>
    /// <param name="allowGeoMismatch">Score even when the geo databases differ from the model's.</param>
    /// <param name="cacheEntries">Slots of the connection cache (the row cache gets a quarter); 0 turns both off.</param>
    public ConnectionScorer(ModelArtifact artifact, IGeoLookup geo, bool allowGeoMismatch, int cacheEntries)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        ArgumentNullException.ThrowIfNull(geo);
        Artifact = artifact;
        GeoMismatch = DescribeGeoMismatch(artifact.Manifest, geo.Databases);
        if (GeoMismatch is not null && !allowGeoMismatch)
        {
            throw new ArtifactException($"{Path.Combine(artifact.Dir, ArtifactFiles.Manifest)}: {GeoMismatch}");
        }

        enricher = new FeatureEnricher(geo);
        encoder = new FeatureEncoder(artifact.Vocabulary);
        connections = new ScoreCache<ConnectionKey>(cacheEntries);
        rows = new ScoreCache<RowKey>(cacheEntries / 4);

        // The row cache keys on every column the model reads, and only those: IpPrefix only when the model reads it.
        var columns = ModelDescription.Load(Path.Combine(artifact.Dir, ArtifactFiles.ModelDir)).Columns;
        rowsUsePrefix = columns.Contains(nameof(FeatureRow.IpPrefix));
    }

    public ModelArtifact Artifact { get; }

    /// <summary>Why the geo databases differ from the model's, when they do (and the mismatch was allowed).</summary>
    public string? GeoMismatch { get; }

    public double Threshold => Artifact.Manifest.Threshold;

    /// <summary>Connections answered from the connection cache so far.</summary>
    public long ConnectionCacheHits => Interlocked.Read(ref connectionHits);

    /// <summary>Connections and rows answered from the feature-row cache so far.</summary>
    public long RowCacheHits => Interlocked.Read(ref rowHits);

    /// <summary>Rows the model scored so far, and in how many calls.</summary>
    public long ModelRows => Interlocked.Read(ref modelRows);

    /// <inheritdoc cref="ModelRows"/>
    public long ModelCalls => Interlocked.Read(ref modelCalls);

    /// <summary>The slots of the connection cache (0 when caching is off).</summary>
    public int CacheEntries => connections.Capacity;

    /// <summary>Scores one connection: a public remote address and the UTC hour (0–23) it was seen.</summary>
    /// <exception cref="ArgumentException">The address is not public unicast space (private, loopback, multicast, …).</exception>
    public ConnectionScore Score(IPAddress address, int hour) => Score([new Connection(address, hour)])[0];

    /// <summary>Scores connections with the features that produced each score (every connection is enriched).</summary>
    /// <exception cref="ArgumentException">An address is not public unicast space; the message names it and its index. Nothing is scored.</exception>
    public IReadOnlyList<ConnectionScore> Score(IReadOnlyList<Connection> connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        var raws = new RawFeatures[connections.Count];
        var all = new Connection[connections.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = connections[i];
            RequirePublic(all[i].Address, i, nameof(connections));
        }

        for (var i = 0; i < all.Length; i++)
        {
            raws[i] = enricher.Enrich(all[i].Address, all[i].Hour);
        }

        var probabilities = new float[all.Length];
        ScoreCore(all, probabilities, raws);
        var result = new ConnectionScore[all.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new ConnectionScore(raws[i], probabilities[i], probabilities[i] >= Threshold);
        }

        return result;
    }

    /// <summary>
    /// The probability of each connection, into <paramref name="probabilities"/> (same length): the fast path for
    /// logs, which enriches only connections the caches do not know. Hours must be 0..23.
    /// </summary>
    /// <exception cref="ArgumentException">The spans differ in length, or an address is not public unicast space (checked when the
    /// connection cache does not know it; the probabilities before it may be filled).</exception>
    /// <exception cref="ArgumentOutOfRangeException">An hour outside 0..23.</exception>
    public void Score(ReadOnlySpan<Connection> connections, Span<float> probabilities)
    {
        if (probabilities.Length != connections.Length)
        {
            throw new ArgumentException("one probability slot per connection is needed", nameof(probabilities));
        }

        ScoreCore(connections, probabilities, null);
    }

    /// <summary>
    /// The probability of each encoded row (e.g. rows with one feature replaced, to explain a score), through the
    /// row cache; into <paramref name="probabilities"/> (same length).
    /// </summary>
    public void ScoreRows(IReadOnlyList<FeatureRow> rows, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (probabilities.Length != rows.Count)
        {
            throw new ArgumentException("one probability slot per row is needed", nameof(probabilities));
        }

        var pending = PendingRows.ForThisThread();
        for (var i = 0; i < rows.Count; i++)
        {
            var key = RowKey.Of(rows[i], rowsUsePrefix);
            if (this.rows.TryGet(key, key.Hash, out var p))
            {
                probabilities[i] = p;
                Interlocked.Increment(ref rowHits);
                continue;
            }

            pending.Add(i, key, rows[i]);
        }

        var scored = RunModel(pending);
        for (var k = 0; k < pending.Count; k++)
        {
            probabilities[pending.Target(k)] = scored[pending.RowOf(k)];
        }
    }

    /// <summary>The encoded row of a connection, as the model sees it.</summary>
    public FeatureRow Encode(RawFeatures raw) => encoder.Encode(raw);

    private void ScoreCore(ReadOnlySpan<Connection> batch, Span<float> probabilities, RawFeatures[]? known)
    {
        // Rented: a batch's keys would otherwise be a large-object allocation per call.
        var keys = ArrayPool<ConnectionKey>.Shared.Rent(batch.Length);
        try
        {
            ScoreCore(batch, probabilities, known, keys);
        }
        finally
        {
            ArrayPool<ConnectionKey>.Shared.Return(keys);
        }
    }

    private void ScoreCore(ReadOnlySpan<Connection> batch, Span<float> probabilities, RawFeatures[]? known, ConnectionKey[] keys)
    {
        var pending = PendingRows.ForThisThread();
        long connectionHitCount = 0, rowHitCount = 0;
        for (var i = 0; i < batch.Length; i++)
        {
            var c = batch[i];
            keys[i] = ConnectionKey.Of(c.Address, c.Hour);
            if (connections.TryGet(keys[i], keys[i].Hash, out var p))
            {
                probabilities[i] = p;
                connectionHitCount++;
                continue;
            }

            if (known is null)
            {
                RequirePublic(c.Address, i, "connections");
            }

            var raw = known?[i] ?? enricher.Enrich(c.Address, c.Hour);
            var row = encoder.Encode(raw);
            var rowKey = RowKey.Of(row, rowsUsePrefix);
            if (rows.TryGet(rowKey, rowKey.Hash, out p))
            {
                probabilities[i] = p;
                connections.Add(keys[i], keys[i].Hash, p);
                rowHitCount++;
                continue;
            }

            pending.Add(i, rowKey, row);
        }

        Interlocked.Add(ref connectionHits, connectionHitCount);
        Interlocked.Add(ref rowHits, rowHitCount);
        var scored = RunModel(pending);
        for (var k = 0; k < pending.Count; k++)
        {
            var i = pending.Target(k);
            var p = scored[pending.RowOf(k)];
            probabilities[i] = p;
            connections.Add(keys[i], keys[i].Hash, p);
        }
    }

    /// <summary>Scores the distinct pending rows in one model call and caches them by row.</summary>
    private float[] RunModel(PendingRows pending)
    {
        if (pending.Distinct.Count == 0)
        {
            return [];
        }

        var scored = Artifact.Model.Score(pending.Distinct);
        Interlocked.Add(ref modelRows, scored.Length);
        Interlocked.Increment(ref modelCalls);
        for (var r = 0; r < scored.Length; r++)
        {
            var key = pending.KeyOf(r);
            rows.Add(key, key.Hash, scored[r]);
        }

        return scored;
    }

    /// <summary>Refuses an address outside public unicast space, naming it, its index and its block.</summary>
    private static void RequirePublic(IPAddress address, int index, string parameter)
    {
        ArgumentNullException.ThrowIfNull(address, parameter);
        if (AddressSpace.Find(address) is { } range)
        {
            throw new ArgumentException(
                $"connection {index}: {IpParsing.Normalize(address)} is in {range.Network}, {range.Name}: not a public internet address; the model scores remote internet addresses only (screen them with AddressSpace.Classify)",
                parameter);
        }
    }

    internal static string? DescribeGeoMismatch(ArtifactManifest manifest, IReadOnlyList<GeoDatabaseInfo> actual)
    {
        foreach (var trained in manifest.Geo)
        {
            var here = actual.FirstOrDefault(d => d.Role == trained.Role && d.FileName == trained.FileName)
                ?? actual.FirstOrDefault(d => d.Role == trained.Role);
            if (here is null)
            {
                return $"the model was trained with a {trained.Role} database ({trained.DatabaseType} from {trained.Source}) and none is loaded";
            }

            if (!string.Equals(here.Sha256, trained.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return $"the model was trained with {trained.Role} database {trained.DatabaseType} built {trained.BuildDate ?? "?"} (sha256 {trained.Sha256[..12]}…, {trained.Source}) but {here.DatabaseType} built {here.BuildDate ?? "?"} (sha256 {here.Sha256[..12]}…, {here.Source}) is loaded; features would differ";
            }
        }

        return null;
    }

    public void Dispose() => Artifact.Dispose();

    /// <summary>
    /// Rows waiting for the model: each distinct row once, and which slot each pending item fills. One per thread,
    /// cleared and reused by each call (its lists and table keep their capacity: no garbage per batch).
    /// </summary>
    private sealed class PendingRows
    {
        [ThreadStatic]
        private static PendingRows? current;

        private readonly List<(int Target, int Row)> items = [];
        private readonly List<RowKey> keys = [];
        private readonly Dictionary<RowKey, int> index = [];

        public List<FeatureRow> Distinct { get; } = [];

        public int Count => items.Count;

        public static PendingRows ForThisThread()
        {
            var pending = current ??= new PendingRows();
            pending.items.Clear();
            pending.keys.Clear();
            pending.index.Clear();
            pending.Distinct.Clear();
            return pending;
        }

        public void Add(int target, RowKey key, FeatureRow row)
        {
            if (!index.TryGetValue(key, out var r))
            {
                r = Distinct.Count;
                index[key] = r;
                keys.Add(key);
                Distinct.Add(row);
            }

            items.Add((target, r));
        }

        public int Target(int k) => items[k].Target;

        public int RowOf(int k) => items[k].Row;

        public RowKey KeyOf(int row) => keys[row];
    }

    /// <summary>An address (all its bits and its family) and an hour.</summary>
    private readonly struct ConnectionKey(UInt128 address, int hourAndFamily) : IEquatable<ConnectionKey>
    {
        private readonly UInt128 address = address;
        private readonly int hourAndFamily = hourAndFamily;

        public int Hash
        {
            get
            {
                var h = ((ulong)address * 0x9E3779B97F4A7C15UL) ^ ((ulong)(address >> 64) * 0xC2B2AE3D27D4EB4FUL) ^ ((ulong)hourAndFamily * 0x165667B19E3779F9UL);
                return (int)(h ^ (h >> 32));
            }
        }

        public static ConnectionKey Of(IPAddress address, int hour)
        {
            Span<byte> bytes = stackalloc byte[16];
            address.TryWriteBytes(bytes, out _);
            var v4 = address.AddressFamily == AddressFamily.InterNetwork;
            var value = v4 ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt128BigEndian(bytes);
            return new ConnectionKey(value, (hour & 0xFFFF) | (v4 ? 0 : 1 << 16));
        }

        public bool Equals(ConnectionKey other) => address == other.address && hourAndFamily == other.hourAndFamily;

        public override bool Equals(object? obj) => obj is ConnectionKey other && Equals(other);

        public override int GetHashCode() => Hash;
    }

    /// <summary>The model's inputs of one row, compared bit for bit.</summary>
    private readonly struct RowKey : IEquatable<RowKey>
    {
        private readonly int hour;
        private readonly int latitude;
        private readonly int longitude;
        private readonly int timeZone;
        private readonly int country;
        private readonly int asn;
        private readonly int prefix;

        private RowKey(FeatureRow row, bool usePrefix)
        {
            hour = BitConverter.SingleToInt32Bits(row.Hour);
            latitude = BitConverter.SingleToInt32Bits(row.Latitude);
            longitude = BitConverter.SingleToInt32Bits(row.Longitude);
            timeZone = BitConverter.SingleToInt32Bits(row.TimeZone);
            country = BitConverter.SingleToInt32Bits(row.Country);
            asn = BitConverter.SingleToInt32Bits(row.Asn);
            prefix = usePrefix ? BitConverter.SingleToInt32Bits(row.IpPrefix) : 0;
        }

        public int Hash => HashCode.Combine(hour, latitude, longitude, timeZone, country, asn, prefix);

        public static RowKey Of(FeatureRow row, bool usePrefix) => new(row, usePrefix);

        public bool Equals(RowKey other) =>
            hour == other.hour && latitude == other.latitude && longitude == other.longitude && timeZone == other.timeZone
            && country == other.country && asn == other.asn && prefix == other.prefix;

        public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

        public override int GetHashCode() => Hash;
    }
}

/// <summary>A connection to score: the remote address and the UTC hour it was seen.</summary>
public readonly record struct Connection(IPAddress Address, int Hour);

/// <summary>The score of one connection, with the features that produced it.</summary>
public sealed record ConnectionScore(RawFeatures Features, float Probability, bool Malicious);
