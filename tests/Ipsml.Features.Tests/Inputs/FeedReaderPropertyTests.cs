using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

/// <summary>
/// Random and mangled input for every reader: real lines of each format, cut short, with separators, quotes and
/// comment marks inserted, mixed with random characters and bytes, joined with LF, CRLF or CR, with or without a
/// final newline or a byte order mark. Nothing may escape as an exception, and every line of a line-oriented
/// format must come out as exactly one item or one skipped line.
/// </summary>
public sealed class FeedReaderPropertyTests
{
    private static readonly Dictionary<string, string[]> Samples = new()
    {
        ["time-ip"] = ["2018-04-11T04:28:01,36.77.124.2", "2018-04-11T00:48:10Z,185.116.156.25", "2018-06-01 19:21:33 UTC,14.207.46.150", "# c"],
        ["ip-list"] = ["# Source File Date: Mon Jan 24 11:16:31 UTC 2022", "1.57.21.59", "5.157.14.32/31", "23.32.0.0/11\t", "2400:cb00::/32"],
        ["netset"] = ["# This File Date  : Tue Jan  4 17:52:02 UTC 2022", "0.0.0.0/8", "1.10.16.0/20 ; SBL256894", "10.0.0.0/8"],
        ["ipsum"] = ["# Last update: Sat, 22 Aug 2026 03:00:29 +0200", "77.90.185.20\t10", "162.251.62.103\t1"],
        ["feodo-csv"] =
        [
            "# Last updated: 2021-12-20 00:03:32 UTC                        #",
            "\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"",
            "\"2021-01-17 07:44:46\",\"51.178.161.32\",\"4643\",\"online\",\"2021-12-20\",\"Dridex\"",
            "# END 750 entries",
        ],
        ["sslbl-csv"] = ["Firstseen,DstIP,DstPort", "2020-08-10 21:58:27,194.5.97.33,5200", "104.130.17.100,443,URLzone C&C", "# Last updated: 2015-10-15 14:45:01 (UTC)"],
        ["spamhaus-drop-json"] =
        [
            "{\"cidr\":\"1.10.16.0/20\",\"sblid\":\"SBL256894\",\"rir\":\"apnic\"}",
            "{\"type\":\"metadata\",\"timestamp\":1784798042,\"size\":101866,\"records\":1670}",
        ],
        ["cowrie-json"] =
        [
            "{\"eventid\": \"cowrie.session.connect\", \"src_ip\": \"88.223.26.58\", \"src_port\": 52577, \"timestamp\": \"2018-05-06T17:44:05.866769Z\", \"dst_ip\": \"172.17.0.3\"}",
            "{\"eventid\": \"cowrie.session.closed\", \"timestamp\": \"2018-05-06T17:44:05.943970Z\", \"src_ip\": \"88.223.26.58\", \"duration\": 0.07}",
        ],
        ["heralding-csv"] =
        [
            "timestamp,auth_id,session_id,source_ip,source_port,destination_ip,destination_port,protocol,username,password",
            "2016-12-14 21:50:14.344387,06dcdb6b-feaa-43b5-8b44-b6cb8d28dbd2,824fa9fc-3f3c-4256-9b9a-fef64562105d,218.191.87.87,55928,,23,telnet,root,123456",
        ],
        ["dionaea-csv"] =
        [
            "protocol, transport, type, dst_port, src_ip, src_port, timestamp",
            "smbd, tcp, accept, 445, 62.74.213.178, 1176, 2022-05-07T15:08:48.091297,",
            "mssqld, tcp, accept, 1433, 177.220.129.166, 61956, 2022-05-07T15:57:59.921187, credentials: {password: [], username: [sa],",
        ],
        ["marx-csv"] = ["datetime,host,src,proto,type,spt,dpt", "2013-03-03 21:53:59,groucho-oregon,1032051418,TCP,,6000,1433", "2013-03-03 23:01:45,groucho-eu,2148114514,ICMP,8,,"],
        ["zeek-conn"] =
        [
            "#separator \\x09",
            "#open\t2017-03-08-13-47-04",
            "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tlabel",
            "273.503417\tCx8y\t192.168.1.115\t49158\t85.31.204.81\t443\ttcp\tMalicious",
            "1677024003.714845\tC6Sg\t192.168.1.107\t65164\t66.63.168.35\t5888\ttcp\t-",
        ],
        ["zeek-conn-json"] = ["{\"ts\":1677024003.714845,\"id.orig_h\":\"192.168.1.107\",\"id.resp_h\":\"66.63.168.35\",\"label\":\"Malicious\"}"],
        ["binetflow"] =
        [
            "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label",
            "2011/08/10 09:46:59.607825,1.026539,tcp,94.44.127.113,1577,   ->,147.32.84.59,6881,S_RA,0,0,4,276,156,flow=Background-Established-cmpgw-CVUT",
            "2011/08/10 09:47:00.1,0.1,udp,147.32.84.165,1025,  <->,8.8.8.8,53,CON,0,0,2,150,75,flow=From-Botnet-V42-UDP-DNS",
        ],
        ["conn-csv"] = ["ts,src,dst,label", "1677024003.714845,192.168.1.107,66.63.168.35,Malicious", "2023-02-22T00:00:03Z,\"10.0.0.1\",8.8.8.8,", "# c"],
        ["rank-domain-ip"] = ["1,google.com,172.217.168.206", "1017,huawei.com,45.249.212.124"],
        ["geofeed-csv"] = ["# Last modified: 2025-07-24 10:00:06.525037", "2600:3c00::/32,US,US-TX,Richardson,", "5.101.96.0/21,NL,NL-NH,Amsterdam,1098 XH"],
        ["toplist"] = ["1,google.com", "2,www.google.com", "rank,domain"],
    };

    /// <summary>Formats that need options to know their columns.</summary>
    private static readonly Dictionary<string, Dictionary<string, string>> Options = new()
    {
        ["conn-csv"] = new() { ["ip-columns"] = "src,dst", ["time-column"] = "ts", ["labels"] = "label" },
    };

    private static readonly string[] Inserts = [",", ", ", "\t", "\"", "#", ";", "/", ":", "{", "}", "\\", "\0", "\u00e9", "\ud83d\ude00", "\ud800", "-", " "];

    private static Gen<string> Line(string[] samples)
    {
        var real = Gen.Elements(samples);
        var truncated = real.SelectMany(s => Gen.Choose(0, s.Length).Select(n => s[..n]));
        var inserted = real.SelectMany(s => Gen.Zip(Gen.Choose(0, s.Length), Gen.Elements(Inserts)).Select(p => s.Insert(p.Item1, p.Item2)));
        var randomText = Gen.ArrayOf(Gen.Choose(0, 0xFFFF).Select(c => (char)c)).Select(cs => new string(cs));
        var randomBytes = Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (char)b)).Select(cs => new string(cs));
        return Gen.Frequency(
            (4, real),
            (3, truncated),
            (3, inserted),
            (1, randomText),
            (1, randomBytes),
            (1, Gen.Constant("")));
    }

    private static Gen<string> Text(string[] samples) =>
        from lines in Gen.ListOf(Line(samples))
        from newline in Gen.Elements("\n", "\r\n", "\r")
        from final in Gen.Elements(true, false)
        from bom in Gen.Frequency((9, Gen.Constant("")), (1, Gen.Constant("\uFEFF")))
        select bom + string.Join(newline, lines) + (final && lines.Count > 0 ? newline : "");

    private static int CountLines(string text)
    {
        using var reader = new StringReader(text);
        var count = 0;
        while (reader.ReadLine() is not null)
        {
            count++;
        }

        return count;
    }

    private static bool EachLineGivesOneItemOrOneSkip(string format, string text)
    {
        var context = new FeedReadContext("fuzz", Options.GetValueOrDefault(format));
        var items = FeedReaders.Get(format).Read(new StringReader(text), context).ToList();
        var lines = CountLines(text);
        long previous = 0;
        foreach (var item in items)
        {
            var line = item.Record?.Line ?? item.Drop?.Line ?? -1;
            var ok = (item.Record is null) != (item.Drop is null)
                && line > previous && line <= lines
                && (item.Record is not { } r || ((r.Address is null) != (r.Network is null) && (r.SeenAt is null || r.SeenAt.Value.Offset == TimeSpan.Zero)))
                && (item.Drop is not { } d || d.Detail.Length > 0);
            if (!ok)
            {
                return false;
            }

            previous = line;
        }

        return items.Count + context.SkippedLines == lines;
    }

    public static TheoryData<string> LineFormats => [.. LineFormatNames];

    private static IEnumerable<string> LineFormatNames => FeedReaders.Formats.Where(f => f != "cloud-json");

    [Fact]
    public void EveryLineFormatHasSamples()
    {
        Assert.All(LineFormatNames, f => Assert.True(Samples.ContainsKey(f)));
    }

    [Theory]
    [MemberData(nameof(LineFormats))]
    public void MangledLinesNeverThrowAndEachLineYieldsExactlyOneItemOrSkip(string format)
    {
        var property = Prop.ForAll(Text(Samples[format]).ToArbitrary(), text => EachLineGivesOneItemOrOneSkip(format, text));
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), property);
    }

    [Property(MaxTest = 300)]
    public Property TopListLinesNeverThrowAndEachLineYieldsExactlyOneItemOrSkip() =>
        Prop.ForAll(Text(Samples["toplist"]).ToArbitrary(), text =>
        {
            var context = new FeedReadContext("fuzz");
            var items = new TopListReader().Read(new StringReader(text), context).ToList();
            return items.All(i => (i.Entry is null) != (i.Drop is null)) && items.Count + context.SkippedLines == CountLines(text);
        });

    [Property(MaxTest = 300)]
    public Property MangledCloudJsonNeverThrowsAndNumbersEveryItem()
    {
        string[] documents =
        [
            "{\n  \"createDate\": \"2025-07-24-20-23-14\",\n  \"prefixes\": [\n    {\n      \"ip_prefix\": \"3.4.12.4/32\"\n    }\n  ],\n  \"ipv6_prefixes\": [{\"ipv6_prefix\": \"2600:1f69:7400::/40\"}]\n}",
            "{\"addresses\":[\"23.235.32.0/20\",\"43.249.72.0/22\"],\"ipv6_addresses\":[\"2a04:4e40::/32\"]}",
            "{\"last_updated_timestamp\": \"2025-07-21T07:13:25.457838\", \"regions\": [{\"cidrs\": [{\"cidr\": \"129.80.0.0/16\", \"tags\": [\"OCI\"]}]}]}",
            "{\"ssh_keys\":[\"ssh-ed25519 AAAA\"],\"hooks\":[\"192.30.252.0/22\"],\"domains\":{\"website\":[\"*.github.com\"]}}",
        ];
        var mangled =
            from doc in Gen.Elements(documents)
            from cuts in Gen.ListOf(Gen.Zip(Gen.Choose(0, doc.Length), Gen.Elements(Inserts)))
            from truncate in Gen.Choose(0, doc.Length + 20)
            select cuts.Aggregate(doc, (s, c) => s.Insert(Math.Min(c.Item1, s.Length), c.Item2)) is var m ? m[..Math.Min(truncate, m.Length)] : doc;
        return Prop.ForAll(mangled.ToArbitrary(), text =>
        {
            var items = FeedReaders.Get("cloud-json").Read(new StringReader(text), new FeedReadContext("fuzz")).ToList();
            return items.All(i => (i.Record is null) != (i.Drop is null) && (i.Record?.Line ?? i.Drop!.Value.Line) >= 1);
        });
    }

    [Property(MaxTest = 200)]
    public Property RandomBytesThroughFeedFileNeverThrowFromTheReader()
    {
        var bytes =
            from magic in Gen.Elements(Array.Empty<byte>(), [0x1F, 0x8B], [0x1F, 0x8B, 0x08, 0x00], [0xEF, 0xBB, 0xBF])
            from body in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b))
            select (byte[])[.. magic, .. body];
        return Prop.ForAll(bytes.ToArbitrary(), data =>
        {
            using var reader = FeedFile.OpenText(new MemoryStream(data));
            var items = FeedReaders.Get("ip-list").Read(reader, new FeedReadContext("fuzz")).ToList();
            return items.All(i => (i.Record is null) != (i.Drop is null));
        });
    }

    [Fact]
    public void TheGeneratorReallyProducesDropsRecordsAndSkips()
    {
        // Guards the properties above against a generator that only ever makes blank lines.
        var texts = Text(Samples["time-ip"]).Sample(50, 40);
        var reads = texts.Select(t => FeedRead.Text("time-ip", t)).ToList();
        Assert.Contains(reads, r => r.Records.Count > 0);
        Assert.Contains(reads, r => r.Drops.Count > 0);
        Assert.Contains(reads, r => r.Context.SkippedLines > 0);
        Assert.Contains(texts, t => Encoding.UTF8.GetByteCount(t) != t.Length);
    }
}
