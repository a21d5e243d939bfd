using System.Security.Cryptography;
using System.Text;

namespace Ipsml.Features;

/// <summary>SHA-256 helpers: lower-case hex, used for content addresses, stage keys and artifact sums.</summary>
public static class Hashing
{
    public static string Sha256File(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A stable 64-bit hash of a string with a seed (xxHash-free, SHA-256 based); for seeded, order-independent sampling and splitting.</summary>
    public static ulong Seeded(int seed, string value)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\u001f{value}"), digest);
        return BitConverter.ToUInt64(digest[..8]);
    }

    /// <summary><see cref="Seeded"/> mapped to [0, 1).</summary>
    public static double SeededUnit(int seed, string value) => (Seeded(seed, value) >> 11) * (1.0 / (1UL << 53));
}
