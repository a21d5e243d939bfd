using System.Globalization;
using System.Net.Sockets;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

/// <summary>
/// Every native file in ../shared/data read end to end: record counts, distinct counts and header dates are those
/// stated in shared/data/SOURCES.md (or read off the files' own headers), and no line of these files is dropped.
/// </summary>
[Trait("Category", "SharedData")]
public sealed class SharedDataFileTests
{
    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static void AssertClean(FeedRead read, int records)
    {
        Assert.Empty(read.Drops);
        Assert.Equal(records, read.Records.Count);
    }

    [Fact]
    public void CsirtgBlacklistYields5494RecordsWithMixedTimeFormatsAllInUtc()
    {
        var read = FeedRead.File("time-ip", "csirtg-ipsml", "blacklist.txt");
        AssertClean(read, 5494);
        Assert.Equal(5392, read.Records.Select(r => r.Address).Distinct().Count());
        Assert.All(read.Records, r => Assert.Equal(TimeSpan.Zero, r.SeenAt!.Value.Offset));
        Assert.Equal(Utc("2018-04-11T04:28:01Z"), read.Records[0].SeenAt); // the one zone-less row
        Assert.Equal(new DateTime(2018, 4, 10), read.Records.Min(r => r.SeenAt!.Value).UtcDateTime.Date);
        Assert.Equal(new DateTime(2018, 8, 14), read.Records.Max(r => r.SeenAt!.Value).UtcDateTime.Date);
        var last = read.Records[^1];
        Assert.Equal(5494, last.Line);
        Assert.Equal("14.207.46.150", last.Address!.ToString());
        Assert.Equal(Utc("2018-06-01T19:21:33Z"), last.SeenAt);
    }

    [Fact]
    public void CsirtgWhitelistYields3088RecordsOf140Addresses()
    {
        var read = FeedRead.File("time-ip", "csirtg-ipsml", "whitelist.txt");
        AssertClean(read, 3088);
        Assert.Equal(140, read.Records.Select(r => r.Address).Distinct().Count());
    }

    [Fact]
    public void IpsumYields120430RecordsWeightedByListCountAndDatedByItsHeader()
    {
        var read = FeedRead.File("ipsum", "ipsum", "ipsum.txt");
        AssertClean(read, 120430);
        Assert.Equal(7, read.Context.SkippedLines);
        Assert.Equal(89657, read.Records.Count(r => r.Weight == 1));
        Assert.Equal(16556, read.Records.Count(r => r.Weight == 2));
        Assert.Equal(8863, read.Records.Count(r => r.Weight == 3));
        Assert.Equal(Utc("2026-08-22T01:00:29Z"), read.Context.HeaderDate);
        Assert.Equal(("77.90.185.20", 10.0), (read.Records[0].Address!.ToString(), read.Records[0].Weight));
    }

    [Fact]
    public void MarxYields451581RecordsFromIntegerSourceAddresses()
    {
        var read = FeedRead.File("marx-csv", "marx-honeypot", "marx.csv.gz");
        AssertClean(read, 451581);
        Assert.Equal(69602, read.Records.Select(r => r.Address).Distinct().Count());
        var first = read.Records[0];
        // src 1032051418 = 61*2^24 + 131*2^16 + 218*2^8 + 218 (Python's ipaddress agrees; SOURCES.md's "61.131.77.218" is a slip).
        Assert.Equal((2L, "61.131.218.218", Utc("2013-03-03T21:53:59Z")), (first.Line, first.Address!.ToString(), first.SeenAt!.Value));
        Assert.Equal(Utc("2013-03-03T21:53:59Z"), read.Records.Min(r => r.SeenAt!.Value));
        Assert.Equal(Utc("2013-09-08T05:55:13Z"), read.Records.Max(r => r.SeenAt!.Value));
    }

    [Fact]
    public void MarxTimesMoveWithTheTimezoneOption()
    {
        var read = FeedRead.File("marx-csv", new Dictionary<string, string> { ["timezone"] = "America/New_York" }, "marx-honeypot", "marx.csv.gz");
        Assert.Equal(Utc("2013-03-04T02:53:59Z"), read.Records[0].SeenAt); // EST, UTC-5, in March before DST
    }

    [Fact]
    public void CowrieYields4183ConnectsFrom303AddressesAcrossFifteenDays()
    {
        var days = Enumerable.Range(6, 15).Select(d => FeedRead.File("cowrie-json", "cowrie-kareiva", $"cowrie.json.2018-05-{d:00}")).ToList();
        Assert.All(days, d => Assert.Empty(d.Drops));
        var records = days.SelectMany(d => d.Records).ToList();
        Assert.Equal(4183, records.Count);
        Assert.Equal(18097 - 4183, days.Sum(d => d.Context.SkippedLines));
        Assert.Equal(303, records.Select(r => r.Address).Distinct().Count());
        Assert.Equal(Utc("2018-05-06T17:44:05.866769Z"), records.Min(r => r.SeenAt!.Value));
        Assert.Equal("88.223.26.58", records[0].Address!.ToString());
        Assert.Equal(new DateTime(2018, 5, 20), records.Max(r => r.SeenAt!.Value).UtcDateTime.Date);
    }

    [Fact]
    public void HeraldingYields3077RecordsFrom178Addresses()
    {
        var read = FeedRead.File("heralding-csv", "heralding-covertlabs", "heralding_activity.log.gz");
        AssertClean(read, 3077);
        Assert.Equal(1, read.Context.SkippedLines);
        Assert.Equal(178, read.Records.Select(r => r.Address).Distinct().Count());
        Assert.Equal(Utc("2016-12-14T21:50:14.344387Z"), read.Records[0].SeenAt);
        Assert.Equal(Utc("2016-12-15T20:33:24.018174Z"), read.Records[^1].SeenAt);
    }

    [Fact]
    public void DionaeaYields27574RecordsFrom101AddressesIncludingFreeTextRows()
    {
        var read = FeedRead.File("dionaea-csv", "dionaea-sample", "dionaeaClean2.csv");
        AssertClean(read, 27574);
        Assert.Equal(101, read.Records.Select(r => r.Address).Distinct().Count());
        var credentials = read.Records.Single(r => r.Line == 2026); // "... 2022-05-07T15:57:59.921187, credentials: {password: [], username: [sa],"
        Assert.Equal(("177.220.129.166", Utc("2022-05-07T15:57:59.921187Z")), (credentials.Address!.ToString(), credentials.SeenAt!.Value));
    }

    [Theory]
    [InlineData("ipblocklist_2021-12-20.csv", 750, 728, "2021-12-20T00:03:32Z")]
    [InlineData("ipblocklist_2024-04-04.csv", 28, 28, "2024-04-04T07:03:03Z")]
    public void FeodoCsvYieldsTheStatedRowsAndBannerDate(string file, int rows, int distinct, string updated)
    {
        var read = FeedRead.File("feodo-csv", "feodo-tracker", file);
        AssertClean(read, rows);
        Assert.Equal(distinct, read.Records.Select(r => r.Address).Distinct().Count());
        Assert.Equal(Utc(updated), read.Context.HeaderDate);
        Assert.Equal(10, read.Context.SkippedLines); // 8 banner lines, the header row, the END trailer
    }

    [Fact]
    public void Feodo2021FirstSeenTimesAreUtc()
    {
        var read = FeedRead.File("feodo-csv", "feodo-tracker", "ipblocklist_2021-12-20.csv");
        Assert.Equal((10L, "51.178.161.32", Utc("2021-01-17T07:44:46Z")), (read.Records[0].Line, read.Records[0].Address!.ToString(), read.Records[0].SeenAt!.Value));
        Assert.Equal(Utc("2021-12-20T00:03:32Z"), read.Records.Max(r => r.SeenAt!.Value));
    }

    [Fact]
    public void Sslbl2020HeaderlessCopyYields114TimedRecords()
    {
        var read = FeedRead.File("sslbl-csv", "sslbl", "sslipblacklist_2020-08.csv");
        AssertClean(read, 114);
        Assert.Null(read.Context.HeaderDate);
        Assert.Equal(Utc("2020-08-10T21:58:27Z"), read.Records[0].SeenAt);
        Assert.Equal(Utc("2019-10-10T10:40:04Z"), read.Records[^1].SeenAt);
    }

    [Fact]
    public void Sslbl2015ThreeColumnFileYields83UntimedRecordsDatedByItsBanner()
    {
        var read = FeedRead.File("sslbl-csv", "sslbl", "sslipblacklist_2015-10-15.csv");
        AssertClean(read, 83);
        Assert.All(read.Records, r => Assert.Null(r.SeenAt));
        Assert.Equal(Utc("2015-10-15T14:45:01Z"), read.Context.HeaderDate);
        Assert.Equal("104.130.17.100", read.Records[0].Address!.ToString());
    }

    [Fact]
    public void SpamhausDropJsonYields1670NetworksAndTheMetadataTimestamp()
    {
        var read = FeedRead.File("spamhaus-drop-json", "spamhaus-drop", "drop_v4.json");
        AssertClean(read, 1670);
        Assert.All(read.Records, r => Assert.NotNull(r.Network));
        Assert.Equal(1, read.Context.SkippedLines);
        Assert.Equal(Utc("2026-07-23T09:14:02Z"), read.Context.HeaderDate);
        Assert.Equal("1.10.16.0/20", read.Records[0].Network!.Value.ToString());
    }

    [Theory]
    [InlineData("blocklist_de.ipset", 22474, 0, "2022-01-24T10:54:03Z")]
    [InlineData("blocklist_de_ssh.ipset", 7802, 0, "2022-01-24T10:54:05Z")]
    [InlineData("ciarmy.ipset", 15000, 0, "2022-01-24T09:04:01Z")]
    [InlineData("greensnow.ipset", 2496, 0, "2022-01-24T11:16:31Z")]
    [InlineData("et_compromised.ipset", 746, 0, "2022-01-21T23:07:49Z")]
    [InlineData("et_block.netset", 1467, 1009, "2022-01-21T05:30:02Z")]
    [InlineData("dshield.netset", 19, 19, "2022-01-23T23:42:06Z")]
    [InlineData("dshield_30d.netset", 45, 45, "2022-01-23T19:56:38Z")]
    [InlineData("spamhaus_drop.netset", 986, 986, "2022-01-19T18:18:35Z")]
    [InlineData("spamhaus_edrop.netset", 55, 55, "2022-01-04T14:09:17Z")]
    [InlineData("firehol_level1.netset", 2511, 2511, "2022-01-24T00:51:32Z")]
    [InlineData("firehol_level2.netset", 16164, 219, "2022-01-24T11:16:31Z")]
    [InlineData("bruteforceblocker.ipset", 987, 0, "2021-09-30T11:01:37Z")]
    [InlineData("tor_exits.ipset", 1204, 0, "2021-09-30T13:11:01Z")]
    [InlineData("dm_tor.ipset", 6198, 0, "2022-01-24T11:02:29Z")]
    [InlineData("alienvault_reputation.ipset", 609, 0, "2021-11-12T14:10:50Z")]
    [InlineData("talosintel_ipfilter.ipset", 732, 0, "2020-12-04T11:05:30Z")]
    [InlineData("cybercrime.ipset", 482, 0, "2022-01-23T13:32:06Z")]
    [InlineData("botscout_1d.ipset", 1798, 38, "2022-01-24T11:16:31Z")]
    [InlineData("stopforumspam_1d.ipset", 7655, 0, "2022-01-24T11:00:03Z")]
    [InlineData("darklist_de.netset", 5145, 37, "2022-01-23T15:16:02Z")]
    [InlineData("iblocklist_cidr_report_bogons.netset", 6784, 6784, "2022-01-24T08:02:40Z")]
    [InlineData("feodo.ipset", 0, 0, "2018-12-11T07:20:07Z")]
    [InlineData("feodo_badips.ipset", 0, 0, "2018-06-07T00:07:42Z")]
    [InlineData("sslbl.ipset", 0, 0, "2018-12-15T07:49:12Z")]
    public void FireHolListsYieldTheStatedRowsCidrsAndSourceFileDate(string file, int rows, int cidrs, string sourceDate)
    {
        var format = file.EndsWith(".netset", StringComparison.Ordinal) ? "netset" : "ip-list";
        var read = FeedRead.File(format, "firehol-ipsets", file);
        AssertClean(read, rows);
        Assert.Equal(cidrs, read.Records.Count(r => r.Network is not null));
        Assert.Equal(Utc(sourceDate), read.Context.HeaderDate);
        Assert.All(read.Records, r => Assert.Equal(AddressFamily.InterNetwork, (r.Address ?? r.Network!.Value.BaseAddress).AddressFamily));
    }

    [Theory]
    [InlineData("compromised-ips.txt", 539, 539)]
    [InlineData("tor-exit.txt", 3251, 1372)]
    [InlineData("threatfox.txt", 3483, 2338)]
    [InlineData("binarydefense.txt", 2662, 2659)]
    [InlineData("abuse-ch-ipblocklist.txt", 7980, 7607)]
    public void CriticalPathListsYieldTheStatedRowsWithDuplicatesKept(string file, int rows, int unique)
    {
        var read = FeedRead.File("ip-list", "criticalpath-feeds", file);
        AssertClean(read, rows);
        Assert.Equal(0, read.Context.SkippedLines);
        Assert.Null(read.Context.HeaderDate);
        Assert.Equal(unique, read.Records.Select(r => r.Address).Distinct().Count());
    }

    [Fact]
    public void AlexaResolvedYields1000RecordsOf895AddressesIncludingLoopback()
    {
        var read = FeedRead.File("rank-domain-ip", "alexa-resolved", "alexa-top-1000-ips.csv");
        AssertClean(read, 1000);
        Assert.Equal(895, read.Records.Select(r => r.Address).Distinct().Count());
        Assert.Equal(2, read.Records.Count(r => r.Address!.ToString() == "127.0.0.1"));
    }

    [Theory]
    [InlineData("umbrella-top", "umbrella-top-sites-10000_2018-03-16.csv", 10000, "google.com", "netflix.com")]
    [InlineData("umbrella-top", "umbrella-top-sites-10000_2025-09-26.csv", 10000, "google.com", "www.google.com")]
    [InlineData("csirtg-ipsml", "umbrella.txt", 500, "netflix.com", "api-global.netflix.com")]
    public void TopListsYieldEveryRankedDomain(string folder, string file, int rows, string first, string second)
    {
        var context = new FeedReadContext(file);
        using var text = FeedFile.OpenText(TestData.Path(folder, file));
        var items = new TopListReader().Read(text, context).ToList();
        Assert.All(items, i => Assert.Null(i.Drop));
        Assert.Equal(rows, items.Count);
        Assert.Equal((1L, first), (items[0].Entry!.Value.Rank, items[0].Entry!.Value.Domain));
        Assert.Equal((2L, second), (items[1].Entry!.Value.Rank, items[1].Entry!.Value.Domain));
        Assert.Equal(Enumerable.Range(1, rows).Select(i => (long)i), items.Select(i => i.Entry!.Value.Rank));
    }

    [Theory]
    [InlineData("goog.json", 84, 11, "2024-04-25T07:05:03.68994Z")]
    [InlineData("goog-cloud.json", 661, 44, "2024-04-25T07:05:03.68994Z")]
    [InlineData("google-cloud-ip-ranges.json", 782, null, "2025-07-24T19:16:28.780563Z")]
    [InlineData("aws-ip-ranges.json", 8971 + 4373, 4373, "2025-07-24T20:23:14Z")]
    [InlineData("fastly-ip-ranges.json", 21, 2, null)]
    [InlineData("oracle-cloud-ip-ranges.json", 896, null, "2025-07-21T07:13:25.457838Z")]
    [InlineData("github-ip-ranges.json", 5959, null, null)]
    public void CloudJsonFilesYieldEveryPublishedPrefix(string file, int prefixes, int? ipv6, string? created)
    {
        var read = FeedRead.File("cloud-json", "cloud-ranges", file);
        AssertClean(read, prefixes);
        Assert.All(read.Records, r => Assert.NotNull(r.Network));
        if (ipv6 is { } v6)
        {
            Assert.Equal(v6, read.Records.Count(r => r.Network!.Value.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6));
        }

        Assert.Equal(created is null ? null : Utc(created), read.Context.HeaderDate);
        Assert.Equal(read.Records.Count, read.Records.Select(r => r.Line).Distinct().Count());
    }

    [Fact]
    public void CloudJsonLineIsThePhysicalLineInMultiLineFilesAndTheIndexInSingleLineOnes()
    {
        var goog = FeedRead.File("cloud-json", "cloud-ranges", "goog.json");
        Assert.Equal((5L, "8.8.4.0/24"), (goog.Records[0].Line, goog.Records[0].Network!.Value.ToString())); // "ipv4Prefix": "8.8.4.0/24" on line 5
        Assert.Equal((7L, "8.8.8.0/24"), (goog.Records[1].Line, goog.Records[1].Network!.Value.ToString()));

        var fastly = FeedRead.File("cloud-json", "cloud-ranges", "fastly-ip-ranges.json");
        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), fastly.Records.Select(r => r.Line));
        Assert.Equal("2a04:4e42::/32", fastly.Records[^1].Network!.Value.ToString());
    }

    [Theory]
    [InlineData("cloudflare-v4-ip-ranges.txt", 15)]
    [InlineData("cloudflare-v6-ip-ranges.txt", 7)]
    [InlineData("akamai-v4-ip-ranges.txt", 19)]
    [InlineData("akamai-v6-ip-ranges.txt", 3)]
    public void ProviderRangeTextFilesYieldEveryCidrDespiteTabsAndNoFinalNewline(string file, int rows)
    {
        var read = FeedRead.File("ip-list", "cloud-ranges", file);
        AssertClean(read, rows);
        Assert.All(read.Records, r => Assert.NotNull(r.Network));
    }

    [Theory]
    [InlineData("digitalocean.csv", 1182, 145, 0, null)]
    [InlineData("linode.txt", 4552, 88, 3, "2025-07-24T10:00:06.525037Z")]
    public void GeofeedsYieldEveryPrefix(string file, int rows, int ipv6, int skipped, string? modified)
    {
        var read = FeedRead.File("geofeed-csv", "cloud-ranges", file);
        AssertClean(read, rows);
        Assert.Equal(ipv6, read.Records.Count(r => r.Network!.Value.BaseAddress.AddressFamily == AddressFamily.InterNetworkV6));
        Assert.Equal(skipped, read.Context.SkippedLines);
        Assert.Equal(modified is null ? null : Utc(modified), read.Context.HeaderDate);
    }

    [Fact]
    public void StratosphereSme11Yields766LabelledFlowsTowardsTheResponder()
    {
        var read = FeedRead.File("zeek-conn", "stratosphere-labeled", "ctu-sme-11-win_conn.log.labeled");
        AssertClean(read, 766);
        Assert.Equal(8, read.Context.SkippedLines);
        var labels = read.Records.GroupBy(r => r.Label).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["Malicious"] = 719, ["Benign"] = 44, ["Unknown"] = 3 }, labels);
        Assert.Equal(719, read.Records.Count(r => r.Label == "Malicious" && r.Address!.ToString() == "66.63.168.35"));
        Assert.Equal(Utc("2023-02-22T00:00:03.714845Z"), read.Records[0].SeenAt);
        Assert.Equal(Utc("2024-08-16T09:45:01Z"), read.Context.HeaderDate);
        Assert.Equal(new DateTime(2023, 2, 22), read.Records.Max(r => r.SeenAt!.Value).UtcDateTime.Date);
    }

    [Fact]
    public void StratosphereNjratYields992FlowsDatedFromOpenPlusRelativeTs()
    {
        var read = FeedRead.File("zeek-conn", "stratosphere-labeled", "ctu-botnet-230-1_njrat_labeled-conn.log");
        AssertClean(read, 992);
        var labels = read.Records.GroupBy(r => r.Label).ToDictionary(g => g.Key!, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["Background"] = 739, ["Malicious"] = 244, ["Benign"] = 9 }, labels);
        Assert.Equal(Utc("2017-03-08T13:47:04Z"), read.Context.HeaderDate);
        Assert.Equal(Utc("2017-03-08T13:47:23.981745Z"), read.Records[0].SeenAt); // #open + 19.981745 s
        Assert.Equal("fd2d:ab8c:225::1", read.Records[0].Address!.ToString());
        Assert.Equal(Utc("2017-03-08T13:47:04Z").AddSeconds(3023.36), read.Records.Max(r => r.SeenAt!.Value), TimeSpan.FromMilliseconds(10));
    }
}
