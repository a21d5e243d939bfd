using System.Collections.Concurrent;

namespace Ipsml.Features.Geo;

/// <summary>
/// Thread-safe, fixed-size cache of database answers that is exact because it relies on the database record's own
/// network (the prefix length the database reports with each answer), never on a guessed /24.
/// <para>
/// An answer is stored under the coarsest aligned block that lies wholly inside the record's network: one of the
/// block sizes in <see cref="Ipv4Levels"/> (IPv4) or <see cref="Ipv6Levels"/> (IPv6), the last of which is the single
/// address. Every address in that block has the same record, so any later address in the block gets the same answer
/// the database would give. A lookup probes the block containing the address at each level.
/// </para>
/// <para>
/// The table is direct-mapped: a new entry overwrites whatever shared its slot, so memory stays fixed and nothing is
/// ever cleared. IPv4 entries are one 64-bit word each (block, level, answer number), written and read atomically, so
/// hits and misses allocate nothing; answers are interned, so equal answers are stored once.
/// </para>
/// </summary>
internal sealed class NetworkCache<T>
    where T : class
{
    /// <summary>IPv4 block prefix lengths, coarsest first; 32 is the address itself.</summary>
    internal static readonly int[] Ipv4Levels = [16, 20, 24, 28, 32];

    /// <summary>IPv6 block prefix lengths, coarsest first; 128 is the address itself.</summary>
    internal static readonly int[] Ipv6Levels = [32, 48, 64, 128];

    /// <summary>Answer numbers are stored in 24 bits; past that many distinct answers, new ones are not cached.</summary>
    private const int MaxAnswers = 1 << 24;

    private const int AnswerBits = 29;
    private const ulong AnswerMask = (1UL << AnswerBits) - 1;

    private readonly ulong[] ipv4Slots;
    private readonly Ipv6Entry?[] ipv6Slots;
    private readonly int slotShift;
    private readonly ConcurrentDictionary<T, int> answerNumbers = new();
    private readonly Lock answersLock = new();
    private T[] answers = new T[1024];
    private int answerCount;

    /// <param name="slots">Table size, rounded up to a power of two; 0 or less turns the cache off.</param>
    public NetworkCache(int slots)
    {
        if (slots <= 0)
        {
            ipv4Slots = [];
            ipv6Slots = [];
            return;
        }

        var size = (int)Math.Min(1L << 30, (long)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)slots));
        ipv4Slots = new ulong[size];
        ipv6Slots = new Ipv6Entry?[Math.Max(1, size / 8)];
        slotShift = 64 - System.Numerics.BitOperations.Log2((uint)size);
    }

    public bool Enabled => ipv4Slots.Length > 0;

    public bool TryGet(uint address, out T value)
    {
        value = null!;
        if (!Enabled)
        {
            return false;
        }

        for (var level = 0; level < Ipv4Levels.Length; level++)
        {
            var block = address & IpAddressBits.Ipv4Mask(Ipv4Levels[level]);
            var slot = Volatile.Read(ref ipv4Slots[Ipv4Slot(block, level)]);
            if (slot != 0 && (uint)(slot >> 32) == block && (int)((slot >> AnswerBits) & 7) == level)
            {
                var number = (int)(slot & AnswerMask) - 1;
                value = Volatile.Read(ref answers)[number];
                return true;
            }
        }

        return false;
    }

    /// <summary>Caches <paramref name="value"/>, the database's answer for <paramref name="address"/> whose record network has <paramref name="prefixLength"/>.</summary>
    public void Add(uint address, int prefixLength, T value)
    {
        if (!Enabled || prefixLength is < 0 or > 32)
        {
            return;
        }

        var level = CoarsestLevelInside(Ipv4Levels, prefixLength);
        var number = NumberOf(value);
        if (number < 0)
        {
            return;
        }

        var block = address & IpAddressBits.Ipv4Mask(Ipv4Levels[level]);
        var slot = ((ulong)block << 32) | ((ulong)(uint)level << AnswerBits) | (uint)(number + 1);
        Volatile.Write(ref ipv4Slots[Ipv4Slot(block, level)], slot);
    }

    public bool TryGet(UInt128 address, out T value)
    {
        value = null!;
        if (!Enabled)
        {
            return false;
        }

        for (var level = 0; level < Ipv6Levels.Length; level++)
        {
            var block = address & IpAddressBits.Ipv6Mask(Ipv6Levels[level]);
            var entry = Volatile.Read(ref ipv6Slots[Ipv6Slot(block, level)]);
            if (entry is not null && entry.Block == block && entry.Level == level)
            {
                value = entry.Answer;
                return true;
            }
        }

        return false;
    }

    public void Add(UInt128 address, int prefixLength, T value)
    {
        if (!Enabled || prefixLength is < 0 or > 128)
        {
            return;
        }

        var level = CoarsestLevelInside(Ipv6Levels, prefixLength);
        var number = NumberOf(value);
        if (number < 0)
        {
            return;
        }

        var block = address & IpAddressBits.Ipv6Mask(Ipv6Levels[level]);
        Volatile.Write(ref ipv6Slots[Ipv6Slot(block, level)], new Ipv6Entry(block, level, Volatile.Read(ref answers)[number]));
    }

    /// <summary>The first level whose blocks fit inside a network of <paramref name="prefixLength"/> (the last level always does).</summary>
    private static int CoarsestLevelInside(int[] levels, int prefixLength)
    {
        for (var level = 0; level < levels.Length - 1; level++)
        {
            if (levels[level] >= prefixLength)
            {
                return level;
            }
        }

        return levels.Length - 1;
    }

    private int Ipv4Slot(uint block, int level) =>
        (int)((((ulong)block << 3) | (uint)level) * 0x9E3779B97F4A7C15UL >> slotShift);

    private int Ipv6Slot(UInt128 block, int level)
    {
        var mixed = ((ulong)(block >> 64) * 0x9E3779B97F4A7C15UL) ^ ((ulong)block * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)level;
        return (int)((mixed * 0x9E3779B97F4A7C15UL) >> slotShift) & (ipv6Slots.Length - 1);
    }

    /// <summary>The interned number of <paramref name="value"/>, or -1 when the answer table is full.</summary>
    private int NumberOf(T value)
    {
        if (answerNumbers.TryGetValue(value, out var number))
        {
            return number;
        }

        lock (answersLock)
        {
            if (answerNumbers.TryGetValue(value, out number))
            {
                return number;
            }

            if (answerCount >= MaxAnswers)
            {
                return -1;
            }

            var table = answers;
            if (answerCount == table.Length)
            {
                Array.Resize(ref table, table.Length * 2);
            }

            table[answerCount] = value;
            // Publish the answer before its number, so a reader that finds the number also finds the answer.
            Volatile.Write(ref answers, table);
            number = answerCount++;
            answerNumbers[value] = number;
            return number;
        }
    }

    /// <summary>One cached IPv6 block; immutable, so a slot is replaced whole.</summary>
    private sealed class Ipv6Entry(UInt128 block, int level, T answer)
    {
        public UInt128 Block { get; } = block;

        public int Level { get; } = level;

        public T Answer { get; } = answer;
    }
}
