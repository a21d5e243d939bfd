namespace Ipsml.Scoring;

/// <summary>
/// A fixed-size, thread-safe map from a key to a probability the model gave for it. Direct-mapped: a new entry
/// replaces whatever shared its slot, so memory is fixed at construction and nothing is ever cleared or grown.
/// Slots are guarded by striped locks. A hit returns exactly the value stored for an equal key, so the cache can
/// never change an answer, only skip recomputing it.
/// </summary>
internal sealed class ScoreCache<TKey>
    where TKey : struct, IEquatable<TKey>
{
    private const int Stripes = 64;

    private readonly Entry[] entries;
    private readonly Lock[] locks;
    private readonly int shift;

    /// <param name="capacity">Slots, rounded up to a power of two; 0 or less turns the cache off.</param>
    public ScoreCache(int capacity)
    {
        if (capacity <= 0)
        {
            entries = [];
            locks = [];
            return;
        }

        var size = (int)Math.Clamp(System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity), 2, 1 << 30);
        entries = new Entry[size];
        shift = 32 - System.Numerics.BitOperations.Log2((uint)size);
        locks = new Lock[Stripes];
        for (var i = 0; i < locks.Length; i++)
        {
            locks[i] = new Lock();
        }
    }

    public bool Enabled => entries.Length > 0;

    public int Capacity => entries.Length;

    public bool TryGet(in TKey key, int hash, out float value)
    {
        value = 0;
        if (!Enabled)
        {
            return false;
        }

        var slot = Slot(hash);
        lock (locks[slot & (Stripes - 1)])
        {
            ref var entry = ref entries[slot];
            if (entry.Used && entry.Key.Equals(key))
            {
                value = entry.Value;
                return true;
            }
        }

        return false;
    }

    public void Add(in TKey key, int hash, float value)
    {
        if (!Enabled)
        {
            return;
        }

        var slot = Slot(hash);
        lock (locks[slot & (Stripes - 1)])
        {
            entries[slot] = new Entry(key, value, true);
        }
    }

    // Fibonacci hashing: the top bits of hash × 2^32/φ, so hashes with poor low bits still spread.
    private int Slot(int hash) => (int)(((uint)hash * 2654435769u) >> shift);

    private record struct Entry(TKey Key, float Value, bool Used);
}
