using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Ipsml.Features.Geo;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Geo;

public sealed class AsnCsvDatabaseTests
{
    private const string Ipv4Csv =
        "1.0.0.0,1.0.0.255,13335,\"Cloudflare, Inc.\"\n" +
        "1.0.1.0,1.0.3.255,38803,Gtelecom Pty Ltd\n" +
        "1.0.4.0,1.0.4.255,201907,\"LLC \"\"SPUTNIK\"\"\"\n" +
        "103.138.210.0,103.138.210.255,4294967294,AS4294967294\n" +
        "223.255.255.0,255.255.255.255,64512,Top of the space\n";

    private const string Ipv6Csv =
        "2001::,2001::ffff:ffff:ffff:ffff:ffff:ffff,6939,Hurricane Electric LLC\n" +
        "2001:200::,2001:200:1b9:ffff:ffff:ffff:ffff:ffff,2500,WIDE Project\n" +
        "2001:200:1ba::,2001:200:1ba:ffff:ffff:ffff:ffff:ffff,24047,\"Internet Systems Consortium, Inc.\"\n";

    [Theory]
    [InlineData("1.0.0.0", 13335L, "Cloudflare, Inc.")]
    [InlineData("1.0.0.255", 13335L, "Cloudflare, Inc.")]
    [InlineData("1.0.1.0", 38803L, "Gtelecom Pty Ltd")]
    [InlineData("1.0.3.255", 38803L, "Gtelecom Pty Ltd")]
    [InlineData("1.0.4.0", 201907L, "LLC \"SPUTNIK\"")]
    [InlineData("103.138.210.77", 4294967294L, "AS4294967294")]
    [InlineData("255.255.255.255", 64512L, "Top of the space")]
    [InlineData("::ffff:1.0.0.1", 13335L, "Cloudflare, Inc.")]
    [InlineData("2001::", 6939L, "Hurricane Electric LLC")]
    [InlineData("2001::ffff:ffff:ffff:ffff:ffff:ffff", 6939L, "Hurricane Electric LLC")]
    [InlineData("2001:200:1b9:ffff:ffff:ffff:ffff:ffff", 2500L, "WIDE Project")]
    [InlineData("2001:200:1ba::1", 24047L, "Internet Systems Consortium, Inc.")]
    public void Inclusive_range_boundaries_quoted_organisations_and_large_asns_are_read(string address, long number, string organization)
    {
        using var dir = new TempDirectory();
        using var db = AsnCsvDatabase.Load([dir.File("asn-ipv4.csv", Ipv4Csv), dir.File("asn-ipv6.csv", Ipv6Csv)]);

        Assert.Equal(new GeoAsn(number, organization), db.Lookup(IPAddress.Parse(address)));
        Assert.Empty(db.Drops);
        Assert.Equal(5, db.Ipv4Ranges);
        Assert.Equal(3, db.Ipv6Ranges);
    }

    [Theory]
    [InlineData("0.255.255.255")]
    [InlineData("1.0.5.0")]
    [InlineData("103.138.209.255")]
    [InlineData("223.255.254.255")]
    [InlineData("2001:1::")]
    [InlineData("2001:200:1bb::")]
    [InlineData("::")]
    public void Addresses_between_or_outside_ranges_give_nulls(string address)
    {
        using var dir = new TempDirectory();
        using var db = AsnCsvDatabase.Load([dir.File("asn-ipv4.csv", Ipv4Csv), dir.File("asn-ipv6.csv", Ipv6Csv)]);

        Assert.Equal(GeoAsn.Unknown, db.Lookup(IPAddress.Parse(address)));
    }

    [Fact]
    public void Bad_lines_are_dropped_with_file_line_and_reason_and_good_lines_still_load()
    {
        using var dir = new TempDirectory();
        var csv = string.Join('\n',
            "1.2.3.0,1.2.3.255,100,Good",
            "not-an-ip,1.2.3.255,100,X",
            "1.2.4.0,1.2.4.255,AS100,X",
            "1.2.5.0,1.2.5.255,100",
            "1.2.6.0,1.2.6.255,100,\"unterminated",
            "1.2.7.255,1.2.7.0,100,Backwards",
            "1.2.8.0,2001::1,100,Mixed",
            "16909312,16909567,100,Numeric",
            "1.2.9.0,1.2.9.255,4294967296,Too big",
            "",
            "1.2,1.2.10.255,100,Short form",
            "1.2.11.0,1.2.11.255,200,Last");
        using var db = AsnCsvDatabase.Load([dir.File("asn-bad.csv", csv)]);

        Assert.Equal(
            [
                ("asn-bad.csv", 2L, DropReason.BadAddress),
                ("asn-bad.csv", 3L, DropReason.BadValue),
                ("asn-bad.csv", 4L, DropReason.WrongColumnCount),
                ("asn-bad.csv", 5L, DropReason.Malformed),
                ("asn-bad.csv", 6L, DropReason.BadNetwork),
                ("asn-bad.csv", 7L, DropReason.BadNetwork),
                ("asn-bad.csv", 8L, DropReason.BadAddress),
                ("asn-bad.csv", 9L, DropReason.BadValue),
                ("asn-bad.csv", 11L, DropReason.BadAddress),
            ],
            db.Drops.Select(d => (d.File, d.Line, d.Reason)));
        Assert.All(db.Drops, d => Assert.False(string.IsNullOrWhiteSpace(d.Detail)));
        Assert.Equal(new GeoAsn(100, "Good"), db.Lookup(IPAddress.Parse("1.2.3.4")));
        Assert.Equal(new GeoAsn(200, "Last"), db.Lookup(IPAddress.Parse("1.2.11.0")));
        Assert.Equal(GeoAsn.Unknown, db.Lookup(IPAddress.Parse("1.2.5.1")));
        Assert.Equal(2, db.Ipv4Ranges);
    }

    [Theory]
    [InlineData("10.0.0.5", 1L)]
    [InlineData("10.0.1.0", 2L)]
    [InlineData("10.0.1.255", 2L)]
    [InlineData("10.0.2.0", 1L)]
    [InlineData("10.0.3.0", 3L)]
    [InlineData("10.0.4.0", 4L)]
    [InlineData("10.0.5.255", 4L)]
    [InlineData("10.0.6.0", 1L)]
    [InlineData("10.0.255.255", 1L)]
    [InlineData("214.255.255.255", 749L)]
    [InlineData("215.0.0.0", 721L)]
    [InlineData("215.1.3.255", 721L)]
    public void Overlapping_ranges_answer_with_the_range_that_starts_later(string address, long number)
    {
        using var dir = new TempDirectory();
        var csv =
            "10.0.0.0,10.0.255.255,1,Outer\n" +
            "10.0.1.0,10.0.1.255,2,Inner\n" +
            "10.0.3.0,10.0.4.255,3,Partial A\n" +
            "10.0.4.0,10.0.5.255,4,Partial B\n" +
            // The one overlap in @ip-location-db/asn 2.3.2026061719 (asn-ipv4.csv lines 399115-399116).
            "214.95.0.0,215.0.255.255,749,United States Department of Defense (DoD)\n" +
            "215.0.0.0,215.1.3.255,721,DoD Network Information Center\n";
        using var db = AsnCsvDatabase.Load([dir.File("overlap.csv", csv)]);

        Assert.Equal(number, db.Lookup(IPAddress.Parse(address)).Number);
        Assert.Equal(6, db.OverlappingRows);
        Assert.Empty(db.Drops);
    }

    [Fact]
    public void Unsorted_rows_crlf_line_ends_and_a_byte_order_mark_give_the_same_answers_as_the_sorted_file()
    {
        using var dir = new TempDirectory();
        var reversed = string.Join("\r\n", Ipv4Csv.TrimEnd('\n').Split('\n').Reverse()) + "\r\n";
        var path = dir.Combine("reversed.csv");
        File.WriteAllText(path, reversed, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var sorted = AsnCsvDatabase.Load([dir.File("sorted.csv", Ipv4Csv)]);
        using var unsorted = AsnCsvDatabase.Load([path]);

        foreach (var address in new[] { "1.0.0.0", "1.0.0.255", "1.0.3.255", "1.0.4.0", "103.138.210.0", "255.255.255.255", "1.0.5.0" })
        {
            Assert.Equal(sorted.Lookup(IPAddress.Parse(address)), unsorted.Lookup(IPAddress.Parse(address)));
        }

        Assert.Empty(unsorted.Drops);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lookups_over_random_overlapping_ipv4_ranges_equal_a_linear_scan(int seed)
    {
        var random = new Random(seed);
        const uint baseAddress = 0x0A000000; // 10.0.0.0
        var rows = Enumerable.Range(0, 300).Select(i =>
        {
            var start = (uint)random.Next(0, 2000);
            var end = start + (uint)random.Next(0, random.Next(2) == 0 ? 5 : 200);
            return (Start: baseAddress + start, End: baseAddress + end, Asn: (uint)(i + 1));
        }).ToList();
        using var dir = new TempDirectory();
        var csv = string.Concat(rows.Select(r =>
            $"{IPAddress.Parse(r.Start.ToString(CultureInfo.InvariantCulture))},{IPAddress.Parse(r.End.ToString(CultureInfo.InvariantCulture))},{r.Asn},org {r.Asn}\n"));
        using var db = AsnCsvDatabase.Load([dir.File("random.csv", csv)]);

        for (var offset = 0u; offset < 2300; offset++)
        {
            var address = baseAddress + offset;
            // Reference: of the rows covering the address, the one with the greatest start, ties to the later row.
            var expected = rows
                .Select((r, index) => (r, index))
                .Where(x => x.r.Start <= address && address <= x.r.End)
                .OrderBy(x => x.r.Start).ThenBy(x => x.index)
                .Select(x => (long?)x.r.Asn)
                .LastOrDefault();
            Assert.Equal(expected, db.Lookup(IPAddress.Parse(address.ToString(CultureInfo.InvariantCulture))).Number);
        }
    }

    [Fact]
    public void Lookups_over_random_overlapping_ipv6_ranges_equal_a_linear_scan()
    {
        var random = new Random(5);
        var baseAddress = (UInt128)0x2001_0db8_0000_0000UL << 64;
        var rows = Enumerable.Range(0, 200).Select(i =>
        {
            var start = baseAddress + (UInt128)random.Next(0, 1000);
            return (Start: start, End: start + (UInt128)random.Next(0, 100), Asn: (uint)(i + 1));
        }).ToList();
        using var dir = new TempDirectory();
        var csv = string.Concat(rows.Select(r => $"{ToAddress(r.Start)},{ToAddress(r.End)},{r.Asn},org\n"));
        using var db = AsnCsvDatabase.Load([dir.File("random6.csv", csv)]);

        for (var offset = 0; offset < 1200; offset++)
        {
            var address = baseAddress + (UInt128)offset;
            var expected = rows
                .Select((r, index) => (r, index))
                .Where(x => x.r.Start <= address && address <= x.r.End)
                .OrderBy(x => x.r.Start).ThenBy(x => x.index)
                .Select(x => (long?)x.r.Asn)
                .LastOrDefault();
            Assert.Equal(expected, db.Lookup(ToAddress(address)).Number);
        }
    }

    [Fact]
    public void Databases_lists_each_csv_file_with_its_sha256_build_date_and_licence()
    {
        using var dir = new TempDirectory();
        var ipv4 = dir.File("asn-ipv4.csv", Ipv4Csv);
        var ipv6 = dir.File("asn-ipv6.csv", Ipv6Csv);

        using var db = AsnCsvDatabase.Load([ipv4, ipv6], "npm:@ip-location-db/asn@2.3.2026061719", "2026-06-17T19:00:00Z");

        Assert.Equal(
            [
                new GeoDatabaseInfo("asn", "ip-location-db-asn-csv", "npm:@ip-location-db/asn@2.3.2026061719", "asn-ipv4.csv",
                    "2026-06-17T19:00:00Z", Sha256(Ipv4Csv), "CC BY 4.0"),
                new GeoDatabaseInfo("asn", "ip-location-db-asn-csv", "npm:@ip-location-db/asn@2.3.2026061719", "asn-ipv6.csv",
                    "2026-06-17T19:00:00Z", Sha256(Ipv6Csv), "CC BY 4.0"),
            ],
            db.Databases);
    }

    [Fact]
    public void Missing_file_is_reported_with_its_path()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ipsml-missing-{Guid.NewGuid():N}.csv");

        var error = Assert.Throws<GeoSourceException>(() => AsnCsvDatabase.Load([path]));

        Assert.Contains(path, error.Message);
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static IPAddress ToAddress(UInt128 value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
