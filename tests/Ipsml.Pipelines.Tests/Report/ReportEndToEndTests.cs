using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Tests.EndToEnd;

namespace Ipsml.Pipelines.Tests.Report;

[Collection(ReportRunsCollection.Name)]
public sealed class ReportEndToEndTests(ReportRuns runs)
{
    private string Second => File.ReadAllText(runs.ReportFile("r2"));

    private string First => File.ReadAllText(runs.ReportFile("r1"));

    [Fact]
    public void The_report_has_every_section_in_order()
    {
        string[] headings =
        [
            "# ipsml run `r2`", "## Candidates on the held-out test split", "### Re-weighted to", "## Gate", "## Plots", "## Where `",
            "### Highest-scoring benign rows", "### Lowest-scoring malicious rows", "## `", "### By feed", "### By country", "### By ASN",
            "## Feature importance of", "## Feature sets", "## Data since the champion `fixture-model 1.0.1`", "## Data by source", "## Dataset", "## Reading these numbers",
        ];
        var lines = Second.Split('\n');
        var positions = headings.Select(h => Array.FindIndex(lines, l => l.StartsWith(h, StringComparison.Ordinal))).ToList();
        Assert.All(positions.Zip(headings), p => Assert.True(p.First >= 0, $"missing '{p.Second}'"));
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void Metric_table_cells_are_the_metrics_json_values_formatted_alike()
    {
        var m = runs.Metrics("r2");
        var rows = MarkdownTables.After(Second, "## Candidates on the held-out");
        foreach (var c in m.Candidates)
        {
            var name = c.Candidate == m.Winner ? $"**{c.Candidate}**" : c.Candidate;
            var row = rows.Single(r => r[0] == name);
            var q = c.Quality;
            Assert.Equal(
                [name, c.Kind, Format.P(q.PrAuc), Format.P(q.PrAucBaseline), Format.P(q.RocAuc), Format.P(q.PrecisionAtRecall80), Format.P(q.PrecisionAtRecall90),
                 Format.P(q.Threshold), Format.P(q.Precision), Format.P(q.Recall), Format.P(q.F1), Format.P(q.FalsePositiveRate), Format.P(q.Calibration.ExpectedCalibrationError),
                 Format.Bytes(c.Cost.SizeBytes), Format.P(c.Cost.TrainingSeconds, 1), Format.N((long)c.Cost.ScoringRowsPerSecond)],
                row);
        }

        var reweighted = MarkdownTables.After(Second, "### Re-weighted to");
        foreach (var c in m.Candidates)
        {
            var a = c.Quality.AtPrevalence;
            Assert.Equal([c.Candidate, Format.P(a.Precision), Format.P(a.Recall), Format.P(a.PrAuc), Format.P(a.AlertsPer10k, 1), Format.P(a.FalseAlertsPer10k, 1)], reweighted.Single(r => r[0] == c.Candidate));
        }
    }

    [Fact]
    public void Champion_row_and_deltas_come_from_the_gate_decision()
    {
        var m = runs.Metrics("r2");
        var w = m.Get(m.Winner).Quality;
        var champion = runs.Gate.ChampionMetrics!;
        var rows = MarkdownTables.After(Second, "## Candidates on the held-out");
        var championRow = rows.Single(r => r[0] == "_champion fixture-model/1.0.1_");
        Assert.Equal(Format.P(champion.Quality.PrAuc), championRow[2]);
        Assert.Equal(Format.P(champion.Quality.RocAuc), championRow[4]);
        var delta = rows.Single(r => r[0] == "_Δ winner − champion_");
        Assert.Equal(Format.Delta(w.PrAuc, champion.Quality.PrAuc), delta[2]);
        Assert.Equal(Format.Delta(w.RocAuc, champion.Quality.RocAuc), delta[4]);
        Assert.Equal(Format.Delta(w.F1, champion.Quality.F1), delta[10]);
        Assert.Equal(Format.SignedBytes(m.Get(m.Winner).Cost.SizeBytes - champion.Cost.SizeBytes), delta[13]);
    }

    [Fact]
    public void The_summary_says_whether_the_gate_passed_or_that_there_is_no_decision()
    {
        Assert.Contains("**Gate: failed**", Second);
        Assert.Contains("size (model too large for the test)", Second);
        Assert.Contains("| size | **fail** | model too large for the test |", Second);
        Assert.Contains("**Gate: no gate decision**", First);
        Assert.Contains("**Gate: no gate decision**", runs.SecondWithoutGate);
        Assert.DoesNotContain("## Gate\n", First);
    }

    [Fact]
    public void Data_changes_compare_each_feeds_counts_with_the_champions_run()
    {
        var before = Observations("r1").Feeds.Single(f => f.Feed == "day-people");
        var after = Observations("r2").Feeds.Single(f => f.Feed == "day-people");
        Assert.Equal(PipelineFixture.BenignRows + ReportRuns.ExtraBenignLines, after.Lines);
        var row = MarkdownTables.After(Second, "## Data since the champion").Single(r => r[0] == "day-people");
        Assert.Equal(["day-people", SourceChange.Changed, Format.Change(before.Lines, after.Lines), Format.Change(before.Observations, after.Observations), Format.Change(before.UniqueAddresses, after.UniqueAddresses)], row[..5]);
        Assert.Contains("2 of 3 feeds are unchanged", Second);
        Assert.Contains($"trained by run `r1`", Second);
        Assert.Contains(ChampionRun.FromLatest, runs.SecondWithoutGate); // without a gate, the latest published version is the champion
    }

    [Fact]
    public void Plots_are_pngs_of_the_declared_size()
    {
        var plots = Directory.GetFiles(Path.Combine(runs.ReportDir("r2"), PlotFile.Folder), "*.png").Select(Path.GetFileName).Order().ToList();
        Assert.Equal(["automl-trials-automl.png", "calibration.png", "feature-importance.png", "mlp-training-mlp.png", "pr-curve-prevalence.png", "pr-curve.png", "roc-curve.png", "score-histogram.png"], plots);
        foreach (var file in plots)
        {
            var bytes = File.ReadAllBytes(Path.Combine(runs.ReportDir("r2"), PlotFile.Folder, file!));
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
            Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
            Assert.Equal(ReportPlots.Width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
            Assert.Equal(ReportPlots.Height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4)));
            Assert.True(bytes.Length > 15_000, $"{file}: {bytes.Length} bytes is too small to hold a drawn plot");
        }
    }

    [Fact]
    public void The_markdown_links_and_the_html_embeds_every_plot()
    {
        var html = File.ReadAllText(Path.Combine(runs.ReportDir("r2"), HtmlReport.FileName));
        foreach (var png in Directory.GetFiles(Path.Combine(runs.ReportDir("r2"), PlotFile.Folder)))
        {
            Assert.Contains($"](plots/{Path.GetFileName(png)})", Second);
            Assert.Contains($"src=\"data:image/png;base64,{Convert.ToBase64String(File.ReadAllBytes(png))}\"", html);
        }

        foreach (var id in new[] { "summary", "candidates", "gate", "plots", "errors", "slices", "importance", "data-changes", "data", "dataset", "notes" })
        {
            Assert.Contains($"<section id=\"{id}\">", html);
            Assert.True(id == "summary" || html.Contains($"<a href=\"#{id}\">", StringComparison.Ordinal), $"no contents link to {id}");
        }

        Assert.DoesNotContain("**", html);
        Assert.DoesNotContain("](", html);
    }

    [Fact]
    public void Top_false_positives_and_negatives_are_the_extreme_test_rows()
    {
        var m = runs.Metrics("r2");
        var run = runs.Run("r2");
        var test = File.ReadAllLines(runs.Layout.Dataset(run.Stages[StageNames.Dataset].Key).Test).Skip(1).Select(l => l.Split(',')).ToList();
        var predictions = File.ReadAllLines(runs.Layout.Evaluate(run.Stages[StageNames.Evaluate].Key).Predictions(SplitSchemes.Group, m.Winner)).Skip(1)
            .Select(l => l.Split(','))
            .Select((p, i) => (Ip: p[0], Hour: p[1] == "" ? -1 : int.Parse(p[1], CultureInfo.InvariantCulture), Malicious: p[2] == "1", P: double.Parse(p[3], CultureInfo.InvariantCulture), TestIp: test[i][0]))
            .ToList();
        Assert.All(predictions, p => Assert.Equal(p.TestIp, p.Ip));

        var fp = predictions.Where(p => !p.Malicious).OrderByDescending(p => p.P).ThenBy(p => p.Ip, StringComparer.Ordinal).ThenBy(p => p.Hour).Take(10).Select(p => $"`{p.Ip}`");
        var fn = predictions.Where(p => p.Malicious).OrderBy(p => p.P).ThenBy(p => p.Ip, StringComparer.Ordinal).ThenBy(p => p.Hour).Take(10).Select(p => $"`{p.Ip}`");
        Assert.Equal(fp, MarkdownTables.After(Second, "### Highest-scoring benign rows").Select(r => r[0]));
        Assert.Equal(fn, MarkdownTables.After(Second, "### Lowest-scoring malicious rows").Select(r => r[0]));
        var first = MarkdownTables.After(Second, "### Highest-scoring benign rows")[0];
        var top = predictions.Where(p => !p.Malicious).MaxBy(p => p.P);
        Assert.Equal(Format.P(top.P, 4), first[1]);
    }

    [Fact]
    public void Country_and_asn_slices_add_up_to_the_test_rows_and_feed_slices_to_the_listings()
    {
        var m = runs.Metrics("r2");
        var run = runs.Run("r2");
        var test = DatasetRow.ReadAll(runs.Layout.Dataset(run.Stages[StageNames.Dataset].Key).Test);
        long Sum(string heading) => MarkdownTables.After(Second, heading).Sum(r => long.Parse(r[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture));
        Assert.Equal(m.Candidates[0].Quality.Rows, Sum("### By country"));
        Assert.Equal(m.Candidates[0].Quality.Rows, Sum("### By ASN"));
        Assert.Equal(test.Sum(r => r.Sources.Split('|').Length), Sum("### By feed"));
        var dayPeople = MarkdownTables.After(Second, "### By feed").Single(r => r[0] == "day-people");
        Assert.Equal(Format.N(test.Count(r => r.Sources.Split('|').Contains("day-people"))), dayPeople[1]);
        Assert.Equal("0.0%", dayPeople[2]);
    }

    [Fact]
    public void A_report_that_cannot_be_made_fails_naming_the_file_and_keeps_the_previous_one()
    {
        var before = First;
        var gate = GateFile.PathFor(runs.Layout, "r1");
        File.WriteAllText(gate, "{ \"candidate\": ");
        try
        {
            var result = CliRunner.Run("report", "-o", runs.Output, "--run", "r1");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("gate.json", result.Error);
            Assert.Equal(before, First);
            Assert.Equal(["report"], Directory.GetDirectories(runs.Layout.RunDir("r1")).Select(Path.GetFileName)); // no temporary folder left behind
        }
        finally
        {
            File.Delete(gate);
        }
    }

    private ObservationsSummary Observations(string run) =>
        JsonSerializer.Deserialize<ObservationsSummary>(File.ReadAllText(runs.Layout.Observations(runs.Run(run).Stages[StageNames.Observations].Key).Summary))!;
}
