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
}
