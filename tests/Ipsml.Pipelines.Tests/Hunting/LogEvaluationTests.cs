using System.Text.Json;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Hunting;

[Collection(HuntCollection.Name)]
public sealed class LogEvaluationTests(HuntFixture hunt)
{
    [Theory]
    [InlineData(StratosphereLog.Sme11, "Malicious", 719, "Benign", 44, "Unknown", 3)]
    [InlineData(StratosphereLog.Botnet230, "Background", 739, "Benign", 9, "Malicious", 244)]
    public void Evaluate_counts_every_label_in_the_log_as_scored_or_skipped(string file, string a, int na, string b, int nb, string c, int nc)
    {
        // The label counts are those of SOURCES.md; the split into scored and skipped comes from the test's own reading.
        var oracle = StratosphereLog.Read(file);
        var result = hunt.Run("evaluate", "--format", "zeek", "--labels", "label", "--output-format", "json", StratosphereLog.PathOf(file));

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(oracle.Rows.Count, json.GetProperty("dataLines").GetInt64());
        Assert.Equal(0, json.GetProperty("badLines").GetInt64());
        var labels = json.GetProperty("labels").EnumerateArray().ToDictionary(l => l.GetProperty("label").GetString()!, l => l);
        Assert.Equal(new Dictionary<string, long> { [a] = na, [b] = nb, [c] = nc }, labels.ToDictionary(l => l.Key, l => l.Value.GetProperty("rows").GetInt64()));
        foreach (var (label, entry) in labels)
        {
            var rows = oracle.Rows.Where(r => r.Label == label).ToList();
            Assert.Equal(rows.Count(r => StratosphereLog.Remote(r) is not null), entry.GetProperty("scored").GetInt64());
            Assert.Equal(rows.Count(r => StratosphereLog.Remote(r) is null), entry.GetProperty("skipped").GetInt64());
        }

        var connections = json.GetProperty("connections");
        Assert.Equal(labels["Malicious"].GetProperty("scored").GetInt64(), connections.GetProperty("positives").GetInt64());
        Assert.Equal(labels["Benign"].GetProperty("scored").GetInt64(), connections.GetProperty("negatives").GetInt64());
        var other = labels.Keys.Single(l => l is not ("Malicious" or "Benign"));
        Assert.Equal(labels[other].GetProperty("scored").GetInt64(), connections.GetProperty("unlabelled").GetInt64());
    }

    [Fact]
    public void Evaluate_metrics_agree_with_the_scores_that_score_prints()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Botnet230);
        var scored = CsvRows.Parse(hunt.Run("score", "--format", "zeek", "--output-format", "csv", path).Out);
        var rows = scored.Rows.Select(r => (
            Remote: r[scored.Index("remote")],
            Alert: r[scored.Index("label")] == "malicious",
            Label: r[scored.Index("log_label")])).ToList();

        var json = JsonDocument.Parse(hunt.Run("evaluate", "--format", "zeek", "--output-format", "json", path).Out).RootElement;

        // Per connection: score's label column is the model's verdict at its threshold.
        var m = json.GetProperty("connections");
        Assert.Equal(rows.Count(r => r.Label == "Malicious" && r.Alert), m.GetProperty("truePositives").GetInt64());
        Assert.Equal(rows.Count(r => r.Label == "Benign" && r.Alert), m.GetProperty("falsePositives").GetInt64());
        Assert.Equal(rows.Count(r => r.Label == "Malicious" && !r.Alert), m.GetProperty("falseNegatives").GetInt64());
        Assert.Equal(rows.Count(r => r.Label == "Benign" && !r.Alert), m.GetProperty("trueNegatives").GetInt64());

        // Per remote address: malicious if any connection is, else benign if any is; score = the highest.
        var remotes = rows.GroupBy(r => r.Remote).Select(g => (
            Malicious: g.Any(r => r.Label == "Malicious") ? true : g.Any(r => r.Label == "Benign") ? false : (bool?)null,
            Alert: g.Any(r => r.Alert))).ToList();
        var rm = json.GetProperty("remotes");
        Assert.Equal(remotes.Count(r => r.Malicious == true), rm.GetProperty("positives").GetInt64());
        Assert.Equal(remotes.Count(r => r.Malicious == false), rm.GetProperty("negatives").GetInt64());
        Assert.Equal(remotes.Count(r => r.Malicious is null), rm.GetProperty("unlabelled").GetInt64());
        Assert.Equal(remotes.Count(r => r.Malicious == true && r.Alert), rm.GetProperty("truePositives").GetInt64());
    }

    [Fact]
    public void The_text_report_names_the_model_the_file_and_the_label_counts()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Sme11);
        var result = hunt.Run("evaluate", "--format", "zeek", path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"model fixture-model 1.0.1", result.Out);
        Assert.Contains(path, result.Out);
        Assert.Matches(@"Malicious\s+malicious\s+719\s+719\s+0", result.Out);
        Assert.Matches(@"per connection\s+719\s", result.Out);
        Assert.Contains("PR-AUC", result.Out);
    }

    [Fact]
    public void Evaluate_without_a_file_still_runs_the_pipeline_stage()
    {
        var result = CliRunner.Run("evaluate", "-o", hunt.Output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("evaluate:", result.Out);
        Assert.Contains("up to date", result.Out);
    }

    [Fact]
    public void Log_options_without_a_file_are_a_usage_error()
    {
        Assert.Equal(2, CliRunner.Run("evaluate", "-o", hunt.Output, "--labels", "label").ExitCode);
        Assert.Equal(2, CliRunner.Run("evaluate", "-o", hunt.Output, "--format", "lines", "x.log").ExitCode);
    }

    [Fact]
    public void A_label_column_the_log_lacks_fails_naming_it_and_the_logs_columns()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Botnet230);

        var result = hunt.Run("evaluate", "--format", "zeek", "--labels", "nosuchcol", path);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains($"{path}: no label column 'nosuchcol' (--labels); its columns: ts, uid, id.orig_h, id.orig_p, id.resp_h, id.resp_p, proto,", result.Error);
        Assert.Contains("tunnel_parents, label, detailedlabel", result.Error);
    }

    [Fact]
    public void A_log_without_the_default_label_column_fails_for_every_format_with_a_header()
    {
        var zeek = hunt.Write("conn.log", "#fields\tts\tid.orig_h\tid.resp_h\n1677024003.0\t192.168.1.7\t81.2.69.142\n");
        var binetflow = hunt.Write("flows.binetflow", "StartTime,SrcAddr,DstAddr\n2011/08/10 09:46:59.607825,147.32.84.165,81.2.69.142\n");
        var csv = hunt.Write("flows.csv", "when,client,server\n1677035045,10.0.0.5,81.2.69.142\n");

        var results = new[]
        {
            (hunt.Run("evaluate", "--format", "zeek", zeek), "no label column 'label' (--labels); its columns: ts, id.orig_h, id.resp_h"),
            (hunt.Run("evaluate", "--format", "binetflow", binetflow), "no label column 'Label' (--labels); its columns: StartTime, SrcAddr, DstAddr"),
            (hunt.Run("evaluate", "--format", "csv", "--ip-columns", "client,server", "--time-column", "when", "--labels", "verdict", csv), "no label column 'verdict' (--labels); its columns: when, client, server"),
        };

        Assert.All(results, r =>
        {
            Assert.Equal(1, r.Item1.ExitCode);
            Assert.Contains(r.Item2, r.Item1.Error);
        });
    }

    [Fact]
    public void A_zeek_json_log_with_no_value_in_the_label_column_fails()
    {
        var log = hunt.Write("conn.json", "{\"ts\":1677024003.0,\"id.orig_h\":\"192.168.1.7\",\"id.resp_h\":\"81.2.69.142\",\"label\":\"Malicious\"}\n");

        var result = hunt.Run("evaluate", "--format", "zeek-json", "--labels", "nosuchcol", log);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{log}: no row has a value in the label column 'nosuchcol' (--labels)", result.Error);
        Assert.Equal(0, hunt.Run("evaluate", "--format", "zeek-json", log).ExitCode);
    }

    [Fact]
    public void Score_fails_on_a_missing_label_column_only_when_labels_names_one()
    {
        var path = StratosphereLog.PathOf(StratosphereLog.Sme11);
        var log = hunt.Write("conn.log", "#fields\tts\tid.orig_h\tid.resp_h\n1677024003.0\t192.168.1.7\t81.2.69.142\n");

        var named = hunt.Run("score", "--format", "zeek", "--labels", "nosuchcol", path);
        var unlabelled = hunt.Run("score", "--format", "zeek", log);

        Assert.Equal(1, named.ExitCode);
        Assert.Contains("no label column 'nosuchcol'", named.Error);
        Assert.True(unlabelled.ExitCode == 0, unlabelled.Error);
    }

    [Theory]
    [InlineData("score", "8.8.8.8")]
    [InlineData("evaluate", "conn.log")]
    [InlineData("bench")]
    [InlineData("dataset")]
    public void A_geo_dir_that_does_not_exist_is_a_usage_error_that_says_so(string command, params string[] args)
    {
        var missing = Path.Combine(hunt.Output, "no-such-geo");

        var result = CliRunner.Run([command, "-o", hunt.Output, "--geo-dir", missing, .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--geo-dir: the folder {missing} does not exist", result.Error);
    }
}
