using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Ipsml.Features.Inputs;
using Ipsml.Features.Text;

namespace Ipsml.Features.Geo;

/// <summary>
/// Address-to-ASN data in the CSV form of the <c>@ip-location-db/asn</c> package: <c>start,end,asn,organisation</c>,
/// inclusive ranges, IPv4 and IPv6 rows (usually one file each), organisation quoted when it holds a comma.
/// Lookups are binary searches over sorted arrays (IPv4 as <see cref="uint"/>, IPv6 as <see cref="UInt128"/>).
/// Lines that cannot be used are dropped and listed in <see cref="Drops"/> with file, line and reason; overlapping
/// ranges are resolved in favour of the one that starts later (see <see cref="OverlappingRows"/>). Thread-safe.
/// </summary>
public sealed class AsnCsvDatabase : IGeoAsnDatabase
{
    public const string DatabaseType = "ip-location-db-asn-csv";

    private readonly RangeTable<uint> ipv4;
    private readonly RangeTable<UInt128> ipv6;
    private readonly GeoAsn[] answers;

    private AsnCsvDatabase(
        RangeTable<uint> ipv4,
        RangeTable<UInt128> ipv6,
        GeoAsn[] answers,
        IReadOnlyList<GeoDatabaseInfo> databases,
        IReadOnlyList<GeoFileDrop> drops,
        int overlappingRows)
    {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
        this.answers = answers;
        Databases = databases;
        Drops = drops;
        OverlappingRows = overlappingRows;
    }

    /// <summary>One entry per CSV file read.</summary>
    public IReadOnlyList<GeoDatabaseInfo> Databases { get; }

    /// <summary>Lines that were not used, in file order.</summary>
    public IReadOnlyList<GeoFileDrop> Drops { get; }

    /// <summary>Rows that overlapped another row; where they overlap, the row starting later answers.</summary>
    public int OverlappingRows { get; }

    /// <summary>IPv4 ranges after overlaps were resolved.</summary>
    public int Ipv4Ranges => ipv4.Count;

    /// <summary>IPv6 ranges after overlaps were resolved.</summary>
    public int Ipv6Ranges => ipv6.Count;

    /// <summary>Reads the CSV files (any mix of IPv4 and IPv6 rows in each).</summary>
    /// <param name="csvFiles">The files, e.g. <c>asn-ipv4.csv</c> and <c>asn-ipv6.csv</c>.</param>
    /// <param name="source">Where they were found, recorded in <see cref="GeoDatabaseInfo.Source"/>; default <c>file:PATH</c>.</param>
    /// <param name="buildDate">ISO-8601 UTC build date of the data, when known (the CSV does not state one).</param>
    /// <param name="cancellationToken">Checked while reading.</param>
    /// <exception cref="GeoSourceException">A file cannot be read.</exception>
    public static AsnCsvDatabase Load(
        IReadOnlyList<string> csvFiles,
        string? source = null,
        string? buildDate = null,
        CancellationToken cancellationToken = default) =>
        Load(csvFiles, source, buildDate, knownSha256: null, cancellationToken);

    internal static AsnCsvDatabase Load(
        IReadOnlyList<string> csvFiles,
        string? source,
        string? buildDate,
        IReadOnlyDictionary<string, string>? knownSha256,
        CancellationToken cancellationToken)
    {
        var loader = new Loader();
        var databases = new List<GeoDatabaseInfo>(csvFiles.Count);
        foreach (var file in csvFiles)
        {
            try
            {
                var sha256 = knownSha256 is not null && knownSha256.TryGetValue(file, out var known) ? known : GeoFileHash.Sha256Hex(file);
                loader.Read(file, cancellationToken);
                databases.Add(new GeoDatabaseInfo(
                    GeoRoles.Asn,
                    DatabaseType,
                    source ?? GeoRoles.FileSource(file),
                    Path.GetFileName(file),
                    buildDate,
                    sha256,
                    GeoLicences.CcBy40));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new GeoSourceException($"Cannot read the ASN CSV {file}: {ex.Message}", ex);
            }
        }

        var ipv4 = loader.Ipv4.Build();
        var ipv6 = loader.Ipv6.Build();
        return new AsnCsvDatabase(
            ipv4,
            ipv6,
            [.. loader.Answers],
            databases,
            loader.Drops,
            loader.Ipv4.OverlappingRows + loader.Ipv6.OverlappingRows);
    }

    public GeoAsn Lookup(IPAddress address)
    {
        address = IpAddressBits.Normalize(address);
        var index = -1;
        if (IpAddressBits.TryGetIpv4(address, out var v4))
        {
            index = ipv4.Find(v4);
        }
        else if (IpAddressBits.TryGetIpv6(address, out var v6))
        {
            index = ipv6.Find(v6);
        }

        return index < 0 ? GeoAsn.Unknown : answers[index];
    }

    /// <summary>Nothing to release: the data lives in managed arrays.</summary>
    public void Dispose()
    {
    }

    /// <summary>Parsing state shared by the files of one database: range builders, distinct answers, drops.</summary>
    private sealed class Loader
    {
        private readonly Dictionary<string, string> organizations = new(StringComparer.Ordinal);
        private readonly Dictionary<(uint Asn, string? Organization), int> answerIndex = [];

        public RangeTableBuilder<uint> Ipv4 { get; } = new();

        public RangeTableBuilder<UInt128> Ipv6 { get; } = new();

        public List<GeoAsn> Answers { get; } = [];

        public List<GeoFileDrop> Drops { get; } = [];

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Read(string file, CancellationToken cancellationToken)
        {
            var options = new FileStreamOptions { BufferSize = 1 << 16, Options = FileOptions.SequentialScan };
            using var reader = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, options);
            var name = Path.GetFileName(file);
            Span<CsvField> fields = stackalloc CsvField[4];
            long lineNumber = 0;
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if ((lineNumber & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                if (ParseLine(line, fields) is { } problem)
                {
                    Drops.Add(new GeoFileDrop(name, lineNumber, problem.Reason, problem.Detail));
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (DropReason Reason, string Detail)? ParseLine(string line, Span<CsvField> fields)
        {
            var count = CsvFields.Split(line, ',', fields);
            if (count < 0)
            {
                return (DropReason.Malformed, "unbalanced quotes");
            }

            if (count != 4)
            {
                return (DropReason.WrongColumnCount, $"{count} columns, expected 4 (start,end,asn,organisation)");
            }

            if (!TryParseAddress(fields[0].Span(line), out var start))
            {
                return (DropReason.BadAddress, $"start '{fields[0].Text(line)}' is not an IP address");
            }

            if (!TryParseAddress(fields[1].Span(line), out var end))
            {
                return (DropReason.BadAddress, $"end '{fields[1].Text(line)}' is not an IP address");
            }

            if (start.IsIpv4 != end.IsIpv4)
            {
                return (DropReason.BadNetwork, "start and end are of different address families");
            }

            if (start.IsIpv4 ? end.Ipv4 < start.Ipv4 : end.Ipv6 < start.Ipv6)
            {
                return (DropReason.BadNetwork, "end is before start");
            }

            if (!uint.TryParse(fields[2].Span(line), NumberStyles.None, CultureInfo.InvariantCulture, out var asn))
            {
                return (DropReason.BadValue, $"ASN '{fields[2].Text(line)}' is not a number 0..4294967295");
            }

            var value = AnswerFor(asn, fields[3], line);
            if (start.IsIpv4)
            {
                Ipv4.Add(start.Ipv4, end.Ipv4, value);
            }
            else
            {
                Ipv6.Add(start.Ipv6, end.Ipv6, value);
            }

            return null;
        }

        /// <summary>
        /// Plain dotted-quad IPv4 (parsed here, without allocating) or IPv6 without a zone. Unlike
        /// <see cref="IPAddress.TryParse(ReadOnlySpan{char}, out IPAddress?)"/> alone, "1.2", "16777216" and "0x7f.1" are
        /// refused. IPv4-mapped IPv6 is read as the IPv4 address it carries.
        /// </summary>
        private static bool TryParseAddress(ReadOnlySpan<char> text, out Endpoint endpoint)
        {
            endpoint = default;
            if (TryParseDottedQuad(text, out var v4))
            {
                endpoint = new Endpoint(true, v4, 0);
                return true;
            }

            if (text.Contains('%') || !text.Contains(':') || !IPAddress.TryParse(text, out var parsed))
            {
                return false;
            }

            parsed = IpAddressBits.Normalize(parsed);
            if (IpAddressBits.TryGetIpv4(parsed, out v4))
            {
                endpoint = new Endpoint(true, v4, 0);
                return true;
            }

            IpAddressBits.TryGetIpv6(parsed, out var v6);
            endpoint = new Endpoint(false, 0, v6);
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private static bool TryParseDottedQuad(ReadOnlySpan<char> text, out uint value)
        {
            value = 0;
            uint part = 0;
            var digits = 0;
            var dots = 0;
            foreach (var c in text)
            {
                if (char.IsAsciiDigit(c))
                {
                    part = (part * 10) + (uint)(c - '0');
                    if (++digits > 3 || part > 255)
                    {
                        return false;
                    }
                }
                else if (c == '.' && digits > 0 && dots < 3)
                {
                    value = (value << 8) | part;
                    (part, digits) = (0, 0);
                    dots++;
                }
                else
                {
                    return false;
                }
            }

            if (dots != 3 || digits == 0)
            {
                return false;
            }

            value = (value << 8) | part;
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private int AnswerFor(uint asn, CsvField organizationField, string line)
        {
            var organization = organizationField.Length == 0 ? null : Intern(organizationField, line);
            if (!answerIndex.TryGetValue((asn, organization), out var index))
            {
                index = Answers.Count;
                Answers.Add(new GeoAsn(asn, organization));
                answerIndex.Add((asn, organization), index);
            }

            return index;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private string Intern(CsvField field, string line)
        {
            if (!field.HasEscapedQuotes
                && organizations.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(field.Span(line), out var known))
            {
                return known;
            }

            var text = field.Text(line);
            if (organizations.TryGetValue(text, out var existing))
            {
                return existing;
            }

            organizations.Add(text, text);
            return text;
        }

        /// <summary>A parsed range end: IPv4 as a number, or IPv6 as a number.</summary>
        private readonly record struct Endpoint(bool IsIpv4, uint Ipv4, UInt128 Ipv6);
    }
}
