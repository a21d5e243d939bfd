using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Ipsml.Cli.Hunting;
using Ipsml.Scoring.Artifacts;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Hunting;

[Collection(HuntCollection.Name)]
public sealed class LogScoringTests(HuntFixture hunt)
{
    private const string Fields = "#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents\n";

    private static string Conn(string ts, string orig, string resp) =>
        $"{ts}\tC\t{orig}\t1\t{resp}\t2\ttcp\t-\t0.1\t1\t1\tSF\tT\tF\t0\tS\t1\t1\t1\t1\t-\n";

    [Fact]
    public void Score_ranks_every_connection_with_a_public_remote_end_of_a_stratosphere_zeek_log()
    {
        var oracle = StratosphereLog.Read(StratosphereLog.Sme11);
        var expected = oracle.Rows.Where(r => StratosphereLog.Remote(r) is not null).ToList();

        var result = hunt.Run("score", "--format", "zeek", "--output-format", "csv", StratosphereLog.PathOf(StratosphereLog.Sme11));

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = CsvRows.Parse(result.Out);
        Assert.Equal(expected.Count, rows.Count);
        var p = rows.Numbers("probability").ToList();
        Assert.True(p.Zip(p.Skip(1)).All(x => x.First >= x.Second), "rows are not sorted by probability");
        Assert.Equal(
            expected.Select(r => (r.Line, StratosphereLog.Remote(r)!.ToString(), r.Label)).Order(),
            rows.Rows.Select(r => (int.Parse(r[rows.Index("line")], CultureInfo.InvariantCulture), r[rows.Index("remote")], r[rows.Index("log_label")])).Order());
        Assert.All(rows.Column("model"), m => Assert.Equal("fixture-model", m));
        Assert.All(rows.Column("version"), v => Assert.Equal("1.0.1", v));

        var skipped = oracle.Rows.Count - expected.Count;
        Assert.Contains($"{skipped:N0} rows without a public remote end skipped", result.Error);
    }

    [Fact]
    public void Relative_zeek_timestamps_are_dated_from_the_open_line()
    {
        var oracle = StratosphereLog.Read(StratosphereLog.Botnet230);
        var first = oracle.Rows.Where(r => StratosphereLog.Remote(r) is not null).Min(r => r.Ts);
        var expected = oracle.Open!.Value.AddTicks((long)Math.Round(first * TimeSpan.TicksPerSecond));

        var result = hunt.Run("score", "--format", "zeek", "--output-format", "jsonl", StratosphereLog.PathOf(StratosphereLog.Botnet230));

        Assert.True(result.ExitCode == 0, result.Error);
        var times = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => DateTimeOffset.Parse(JsonDocument.Parse(l).RootElement.GetProperty("time").GetString()!, CultureInfo.InvariantCulture))
            .ToList();
        Assert.Equal(expected.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), times.Min().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.All(times, t => Assert.Equal(new DateTime(2017, 3, 8), t.UtcDateTime.Date));
    }

    [Fact]
    public void Aggregate_gives_one_row_per_remote_address_with_connections_first_and_last_seen_and_max_and_mean()
    {
        var log = hunt.Write("conn.log", Fields +
            Conn("1677024003.0", "192.168.1.7", "66.63.168.35") +
            Conn("1677024100.0", "192.168.1.8", "66.63.168.35") +
            Conn("1677027700.0", "192.168.1.7", "66.63.168.35") +
            Conn("1677024005.0", "192.168.1.7", "8.8.8.8") +
            Conn("1677024006.0", "81.2.69.142", "192.168.1.5"));

        var each = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", log).Out);
        var result = hunt.Run("score", "--format", "zeek", "--aggregate", "--output-format", "csv", log);

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = CsvRows.Parse(result.Out);
        Assert.Equal(["66.63.168.35", "8.8.8.8", "81.2.69.142"], rows.Column("remote").Order());
        var byRemote = rows.Rows.ToDictionary(r => r[rows.Index("remote")]);
        var c = byRemote["66.63.168.35"];
        Assert.Equal("3", c[rows.Index("connections")]);
        Assert.Equal("2", c[rows.Index("locals")]);
        Assert.Equal("2023-02-22T00:00:03Z", c[rows.Index("first_seen")]);
        Assert.Equal("2023-02-22T01:01:40Z", c[rows.Index("last_seen")]);
        foreach (var (remote, row) in byRemote)
        {
            var ps = each.Rows.Where(r => r[each.Index("remote")] == remote).Select(r => double.Parse(r[each.Index("probability")], CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(ps.Max(), double.Parse(row[rows.Index("max_probability")], CultureInfo.InvariantCulture), 4);
            Assert.Equal(ps.Average(), double.Parse(row[rows.Index("mean_probability")], CultureInfo.InvariantCulture), 3);
        }

        var max = rows.Numbers("max_probability").ToList();
        Assert.True(max.Zip(max.Skip(1)).All(x => x.First >= x.Second));
    }

    [Fact]
    public void Top_and_threshold_keep_only_the_highest_rows()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Botnet230);
        var all = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", path).Out);
        var top = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", "--top", "5", path).Out);
        Assert.Equal(all.Rows.Take(5).Select(r => r[all.Index("line")]), top.Column("line"));

        var p = all.Numbers("probability").ToList();
        var threshold = p.Distinct().OrderDescending().ElementAt(1);
        var over = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", "--threshold", threshold.ToString("R", CultureInfo.InvariantCulture), path).Out);
        Assert.Equal(p.Count(x => x >= threshold), over.Count);
        Assert.All(over.Numbers("probability"), x => Assert.True(x >= threshold));
    }

    [Fact]
    public void Bad_lines_are_reported_by_line_with_a_count_and_the_rest_of_the_log_is_scored()
    {
        var good = Conn("1677024003.0", "192.168.1.7", "66.63.168.35");
        var log = hunt.Write("bad.log", Fields +
            good +                                                                  // line 2
            good[..40] + "\n" +                                                     // line 3: truncated
            good.TrimEnd('\n') + "\textra\n" +                                      // line 4: a column too many
            Conn("1677024003.0", "192.168.1.7", "66.63.300.35") +                   // line 5: bad address
            Conn("yesterday", "192.168.1.7", "66.63.168.35") +                      // line 6: bad time
            Conn("1677031203.0", "192.168.1.7", "8.8.8.8"));                        // line 7

        var result = hunt.Run("score", "--format", "zeek", "--output-format", "csv", log);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains($"{log} line 3: WrongColumnCount", result.Error);
        Assert.Contains($"{log} line 4: WrongColumnCount", result.Error);
        Assert.Contains($"{log} line 5: BadAddress", result.Error);
        Assert.Contains($"{log} line 6: BadTime", result.Error);
        Assert.Contains("2 scored, 4 bad lines (WrongColumnCount 2, BadAddress 1, BadTime 1)", result.Error);
        Assert.Equal(["2", "7"], CsvRows.Parse(result.Out).Column("line").Order());
    }

    [Fact]
    public void Gzip_logs_give_the_same_ranking_as_plain_ones()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Sme11);
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(File.ReadAllBytes(path));
        }

        var gz = hunt.Write("conn.log.gz", packed.ToArray());
        var plain = hunt.Run("score", "--format", "zeek", "--output-format", "csv", path);
        var zipped = hunt.Run("score", "--format", "zeek", "--output-format", "csv", gz);
        Assert.Equal(0, zipped.ExitCode);
        Assert.Equal(plain.Out.Replace(path, "FILE", StringComparison.Ordinal), zipped.Out.Replace(gz, "FILE", StringComparison.Ordinal));
    }

    [Fact]
    public void Zeek_json_and_stdin_give_the_same_ranking_as_the_tsv_file()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Sme11);
        var json = new StringBuilder();
        foreach (var row in StratosphereLog.Read(StratosphereLog.Sme11).Rows)
        {
            json.Append(JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["ts"] = row.Ts,
                ["id.orig_h"] = row.Orig.ToString(),
                ["id.resp_h"] = row.Resp.ToString(),
                ["label"] = row.Label,
            })).Append('\n');
        }

        // Lines of the JSON log are the TSV's data lines (header lines dropped): compare everything but the line numbers.
        static IEnumerable<string> Ranked(string csv)
        {
            var rows = CsvRows.Parse(csv);
            return rows.Rows.Select(r => string.Join(",", r.Where((_, i) => i != rows.Index("line") && i != rows.Index("file"))));
        }

        var tsv = hunt.Run("score", "--format", "zeek", "--output-format", "csv", path);
        var fromJson = hunt.Run("score", "--format", "zeek-json", "--output-format", "csv", hunt.Write("conn.json", json.ToString()));
        var fromStdin = CliRunner.RunWithInput(File.ReadAllText(path), "score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, "--format", "zeek", "--output-format", "csv");

        Assert.Equal(0, fromJson.ExitCode);
        Assert.Equal(0, fromStdin.ExitCode);
        Assert.Equal(Ranked(tsv.Out), Ranked(fromJson.Out));
        Assert.Equal(tsv.Out.Replace(path, "stdin", StringComparison.Ordinal), fromStdin.Out);
    }

    [Fact]
    public void Local_networks_decide_which_public_end_is_remote()
    {
        var log = hunt.Write("conn.log", Fields + Conn("1677024003.0", "147.32.84.165", "94.44.127.113") + Conn("1677024004.0", "94.44.127.113", "147.32.84.165"));

        var plain = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", log).Out);
        var local = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", "--local", "147.32.0.0/16", log).Out);

        Assert.Equal(["147.32.84.165", "94.44.127.113"], plain.Column("remote").Order());
        Assert.Equal(["94.44.127.113", "94.44.127.113"], local.Column("remote"));
        Assert.Equal(["147.32.84.165", "147.32.84.165"], local.Column("local"));
    }

    [Fact]
    public void Binetflow_and_generic_csv_logs_are_scored_with_the_same_rule()
    {
        var binetflow = hunt.Write("flows.binetflow",
            "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label\n" +
            "2011/08/10 09:46:59.607825,1.0,tcp,147.32.84.165,1577,   ->,94.44.127.113,6881,S_RA,0,0,4,276,156,flow=From-Botnet-V42\n" +
            "2011/08/10 09:47:00.000000,1.0,tcp,94.44.127.113,1577,   ->,192.168.1.2,22,S_RA,0,0,4,276,156,flow=Background\n");
        var flows = CsvRows.Parse(hunt.Run("score", "--format", "binetflow", "--output-format", "csv", "--local", "147.32.0.0/16", binetflow).Out);
        Assert.Equal(["94.44.127.113", "94.44.127.113"], flows.Column("remote"));
        Assert.Equal(["Background", "From-Botnet-V42"], flows.Column("log_label").Order());
        Assert.All(flows.Column("hour"), h => Assert.Equal("9", h));

        var csv = hunt.Write("flows.csv", "when;client;server\n2023-02-22T03:04:05Z;10.0.0.5;81.2.69.142\n1677035045;216.160.83.56;10.0.0.6\n");
        var result = hunt.Run("score", "--format", "csv", "--separator", ";", "--ip-columns", "client,server", "--time-column", "when", "--output-format", "csv", csv);
        Assert.True(result.ExitCode == 0, result.Error);
        var rows = CsvRows.Parse(result.Out);
        Assert.Equal(["216.160.83.56", "81.2.69.142"], rows.Column("remote").Order());
        Assert.Equal(["3", "3"], rows.Column("hour"));
    }

    [Fact]
    public void Every_printed_row_carries_its_features_and_the_drivers_of_its_score()
    {
        var log = hunt.Write("conn.log", Fields + Conn("1677024003.0", "192.168.1.7", "81.2.69.142") + Conn("1677067203.0", "192.168.1.7", "216.160.83.56"));

        var result = hunt.Run("score", "--format", "zeek", "--output-format", "jsonl", log);

        var rows = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var london = rows.Single(r => r.GetProperty("remote").GetString() == "81.2.69.142");
        Assert.Equal("GB", london.GetProperty("features").GetProperty("country").GetString());
        Assert.Equal("Europe/London", london.GetProperty("features").GetProperty("time_zone").GetString());
        Assert.Equal(0, london.GetProperty("hour").GetInt32());
        var drivers = london.GetProperty("drivers").EnumerateArray().Select(d => d.GetProperty("feature").GetString()).ToList();
        Assert.Equal(["asn", "country", "hour", "location", "time_zone"], drivers.Order());
        Assert.Contains(london.GetProperty("drivers").EnumerateArray(), d => d.GetProperty("feature").GetString() == "country" && d.GetProperty("value").GetString() == "GB");
        Assert.All(rows, r => Assert.Equal("1.0.1", r.GetProperty("version").GetString()));
    }

    [Fact]
    public void Ip_hour_lines_with_ranking_options_are_ranked_and_without_them_keep_their_old_output()
    {
        var plain = CliRunner.Run("score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, "--output-format", "csv", "150.1.2.3,12", "11.2.3.4,3");
        Assert.Equal("ip,hour,probability,label,model,version", plain.Out.Split('\n')[0]);
        Assert.Equal(["150.1.2.3", "11.2.3.4"], plain.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));

        var ranked = CsvRows.Parse(CliRunner.Run("score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, "--output-format", "csv", "--top", "2", "150.1.2.3,12", "11.2.3.4,3").Out);
        var p = ranked.Numbers("probability").ToList();
        Assert.Equal(2, ranked.Count);
        Assert.True(p[0] >= p[1]);
        Assert.Equal(["argument", "argument"], ranked.Column("file"));

        var local = CliRunner.Run("score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, "--output-format", "csv", "--local", "150.0.0.0/8", "150.1.2.3,12", "11.2.3.4,3", "10.1.1.1,4");
        Assert.Equal(3, local.ExitCode);
        Assert.Equal(["11.2.3.4"], CsvRows.Parse(local.Out).Column("remote"));
        Assert.Contains("1 rows without a public remote end skipped (Local 1)", local.Error);
        Assert.Contains("argument line 3: Private: 10.1.1.1 is in 10.0.0.0/8", local.Error);
    }

    [Fact]
    public void Printed_probabilities_sit_on_the_side_of_the_printed_threshold_their_label_says_and_csv_and_json_carry_the_exact_float()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Botnet230);
        var threshold = ModelArtifact.ReadManifest(hunt.ModelDir).Threshold;

        var text = hunt.Run("score", "--format", "zeek", path);
        var shown = Regex.Match(text.Error, @"threshold (\S+)").Groups[1].Value;
        Assert.Equal(ProbabilityFormat.Exact(threshold), shown);
        var rows = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(double.Parse(r[1], CultureInfo.InvariantCulture) >= double.Parse(shown, CultureInfo.InvariantCulture), r[2] == "malicious"));

        var lines = CliRunner.Run("score", "-o", hunt.Output, "--model", hunt.ModelDir, "--geo-dir", hunt.GeoDir, "81.2.69.142,3", "216.160.83.56,14", "89.160.20.112,22");
        Assert.All(
            lines.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => Regex.Match(l, @"p=(\S+)\s+(\S+)")),
            m => Assert.Equal(double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) >= double.Parse(shown, CultureInfo.InvariantCulture), m.Groups[2].Value == "malicious"));
        Assert.Contains($"threshold {shown}", lines.Error);

        var csv = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", path).Out);
        var json = hunt.Run("score", "--format", "zeek", "--output-format", "jsonl", path).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("probability").GetSingle()).ToList();
        var csvFloats = csv.Column("probability").Select(p => float.Parse(p, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(json, csvFloats);
        Assert.All(csv.Rows, r => Assert.Equal(float.Parse(r[csv.Index("probability")], CultureInfo.InvariantCulture) >= threshold, r[csv.Index("label")] == "malicious"));
        Assert.All(csv.Column("probability"), p => Assert.Equal(p, ProbabilityFormat.Exact(float.Parse(p, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void No_driver_delta_is_written_as_minus_0()
    {
        foreach (var log in new[] { StratosphereLog.Botnet230, StratosphereLog.Sme11 })
        {
            var result = hunt.Run("score", "--format", "zeek", "--output-format", "jsonl", StratosphereLog.PathOf(log));
            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain("\"delta\":-0,", result.Out);
            Assert.DoesNotContain("\"delta\":-0}", result.Out);
        }
    }

    [Fact]
    public void A_missing_log_fails_before_anything_is_scored()
    {
        var result = hunt.Run("score", "--format", "zeek", "/nonexistent/conn.log");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("/nonexistent/conn.log: no such file", result.Error);
    }

    [Theory]
    [InlineData("--format", "pcap")]
    [InlineData("--local", "10.0.0.0/33")]
    [InlineData("--top", "0")]
    [InlineData("--threshold", "1.5")]
    [InlineData("--ip-column", "src")]
    public void Bad_options_are_usage_errors(string option, string value)
    {
        var format = option == "--format" ? [] : new[] { "--format", "zeek" };
        var result = hunt.Run("score", [.. format, option, value, "x.log"]);
        Assert.Equal(2, result.ExitCode);
    }
}
