using System.Security.Cryptography;

namespace Ipsml.Features.Geo;

/// <summary>Hashes of database files and package tarballs.</summary>
internal static class GeoFileHash
{
    /// <summary>Lower-case hex SHA-256 of a file.</summary>
    public static string Sha256Hex(string path)
    {
        using var stream = OpenSequential(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The file's SHA-512 in Subresource-Integrity form (<c>sha512-BASE64</c>), as npm records package integrity.</summary>
    public static string Sha512Integrity(string path)
    {
        using var stream = OpenSequential(path);
        return "sha512-" + Convert.ToBase64String(SHA512.HashData(stream));
    }

    private static FileStream OpenSequential(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
}
