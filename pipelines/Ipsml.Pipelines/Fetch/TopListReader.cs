using System.Globalization;
using System.IO.Compression;
using Ipsml.Features.Inputs;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// Reads the first N rows of an Umbrella-style <c>rank,domain</c> list: a zip holding <c>top-1m.csv</c>
/// (or one other .csv), a gzip, or plain CSV (LF or CRLF). Bad rows become drops, never exceptions;
/// an unreadable container (a zip with no CSV, a broken zip) throws <see cref="InvalidDataException"/>.
/// </summary>
internal static class TopListReader
{
    public const string ZipEntry = "top-1m.csv";

    public static (IReadOnlyList<TopListEntry> Entries, IReadOnlyList<LineDrop> Drops) Read(string path, int count)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        Span<byte> magic = stackalloc byte[4];
        var got = file.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        file.Position = 0;
        if (got == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4)
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: false);
            var entry = zip.GetEntry(ZipEntry)
                ?? zip.Entries.FirstOrDefault(e => e.Name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidDataException($"{path}: zip holds no {ZipEntry} or other .csv entry");
            using var text = new StreamReader(entry.Open());
            return Parse(text, count);
        }

        if (got >= 2 && magic[0] == 0x1f && magic[1] == 0x8b)
        {
            using var gzip = new StreamReader(new GZipStream(file, CompressionMode.Decompress));
            return Parse(gzip, count);
        }

        using var plain = new StreamReader(file);
        return Parse(plain, count);
    }

    internal static (IReadOnlyList<TopListEntry> Entries, IReadOnlyList<LineDrop> Drops) Parse(TextReader text, int count)
    {
        var entries = new List<TopListEntry>();
        var drops = new List<LineDrop>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long lineNumber = 0;
        while (entries.Count < count && text.ReadLine() is { } line)
        {
            lineNumber++;
            line = line.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var fields = line.Split(',');
            if (fields.Length != 2)
            {
                drops.Add(new LineDrop(lineNumber, DropReason.WrongColumnCount, $"{fields.Length} fields, expected rank,domain"));
                continue;
            }

            if (!int.TryParse(fields[0].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var rank) || rank < 1)
            {
                drops.Add(new LineDrop(lineNumber, DropReason.BadValue, $"rank '{Clip(fields[0])}' is not a positive integer"));
                continue;
            }

            var domain = fields[1].Trim().TrimEnd('.').ToLowerInvariant();
            if (!IsHostName(domain))
            {
                drops.Add(new LineDrop(lineNumber, DropReason.BadValue, $"'{Clip(fields[1])}' is not a host name"));
                continue;
            }

            if (!seen.Add(domain))
            {
                drops.Add(new LineDrop(lineNumber, DropReason.Conflict, $"'{domain}' listed again"));
                continue;
            }

            entries.Add(new TopListEntry(rank, domain));
        }

        return (entries, drops);
    }

    /// <summary>Letters, digits, '-' and '_' (Umbrella lists service names such as _dmarc), 1..63 per label, 253 in all.</summary>
    internal static bool IsHostName(string name)
    {
        if (name.Length is 0 or > 253)
        {
            return false;
        }

        foreach (var label in name.Split('.'))
        {
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "...";
}
