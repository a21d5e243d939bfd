using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;

namespace Ipsml.Features.Tests.Geo;

/// <summary>Builds small .tar.gz files for the fetch tests.</summary>
internal static class TestTarball
{
    public static string Create(string path, params (string Name, byte[] Content)[] entries)
    {
        using (var file = File.Create(path))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            foreach (var (name, content) in entries)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };
                tar.WriteEntry(entry);
            }
        }

        return path;
    }

    /// <summary>npm's integrity string for a file, computed independently of the code under test.</summary>
    public static string Integrity(string path) => "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(path)));

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
