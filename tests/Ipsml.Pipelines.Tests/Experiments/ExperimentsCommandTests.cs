using System.Globalization;
using System.Text.Json.Nodes;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Tests.EndToEnd;
using Ipsml.Pipelines.Tests.Report;

namespace Ipsml.Pipelines.Tests.Experiments;

/// <summary><c>ipsml experiments list</c> and <c>compare</c> on the two runs of <see cref="ReportRuns"/>.</summary>
[Collection(ReportRunsCollection.Name)]
public sealed class ExperimentsCommandTests(ReportRuns runs)
{
    [Fact]
    public void List_shows_every_run_with_its_winner_metric_and_published_version()
    {
        var result = CliRunner.Run("experiments", "list", "-o", runs.Output);
        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Split('\n').Where(l => l.StartsWith("| r1 ", StringComparison.Ordinal) || l.StartsWith("| r2 ", StringComparison.Ordinal)).Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray()).ToList();
        Assert.Equal(["r1", "r2"], rows.Select(r => r[0]));
        foreach (var (row, id) in rows.Zip(["r1", "r2"]))
        {
            var m = runs.Metrics(id);
            Assert.Equal(runs.Run(id).Experiment, row[1]);
            Assert.Equal(m.Winner, row[5]);
            Assert.Equal(m.Metric, row[6]);
            Assert.Equal(Format.P(EvaluationReport.Value(m.Get(m.Winner).Quality, m.Metric), 4), row[7]);
        }

        Assert.Equal("fixture-model 1.0.1", rows[0][8]);
        Assert.Equal("—", rows[1][8]);
        Assert.Equal("publish", rows[0][4]);
        Assert.Equal("report", rows[1][4]);
    }

    [Fact]
    public void List_as_csv_gives_each_winners_metric_exactly()
    {
        var result = CliRunner.Run("experiments", "list", "-o", runs.Output, "--output-format", "csv");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Trim().Split('\n');
        Assert.Equal("id,experiment,created,git_commit,stages,winner,metric,value,published_name,published_version", lines[0]);
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var m = runs.Metrics(cells[0]);
            Assert.Equal(EvaluationReport.Value(m.Get(m.Winner).Quality, m.Metric), double.Parse(cells[7], CultureInfo.InvariantCulture));
        }

        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void Compare_as_csv_gives_every_shared_number_exactly_as_each_metrics_json_holds_it()
    {
        var result = CliRunner.Run("experiments", "compare", "r1", "r2", "-o", runs.Output, "--output-format", "csv");
        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Trim().Split('\n');
        Assert.Equal("split,candidate,metric,r1,r2,delta", lines[0]);
        var a = (JsonObject)JsonNode.Parse(File.ReadAllText(runs.MetricsPath("r1")))!;
        var b = (JsonObject)JsonNode.Parse(File.ReadAllText(runs.MetricsPath("r2")))!;
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(["group", "forest"], r[..2]));
        foreach (var r in rows)
        {
            var va = double.Parse(r[3], CultureInfo.InvariantCulture);
            var vb = double.Parse(r[4], CultureInfo.InvariantCulture);
            Assert.Equal(At(a, "forest", r[2]), va);
            Assert.Equal(At(b, "forest", r[2]), vb);
            Assert.Equal(vb - va, double.Parse(r[5], CultureInfo.InvariantCulture));
        }

        // The numbers a reader looks for first, checked through the typed metrics.
        var typedA = runs.Metrics("r1").Get("forest");
        var typedB = runs.Metrics("r2").Get("forest");
        var expected = new Dictionary<string, Func<CandidateMetrics, double>>
        {
            ["quality.prAuc"] = c => c.Quality.PrAuc,
            ["quality.rocAuc"] = c => c.Quality.RocAuc,
            ["quality.f1"] = c => c.Quality.F1,
            ["quality.rows"] = c => c.Quality.Rows,
            ["quality.atPrevalence.precision"] = c => c.Quality.AtPrevalence.Precision,
            ["quality.atPrevalence.alertsPer10k"] = c => c.Quality.AtPrevalence.AlertsPer10k,
            ["quality.calibration.expectedCalibrationError"] = c => c.Quality.Calibration.ExpectedCalibrationError,
            ["cost.sizeBytes"] = c => c.Cost.SizeBytes,
            ["cost.trainingSeconds"] = c => c.Cost.TrainingSeconds,
            ["cost.latencyMicroseconds"] = c => c.Cost.LatencyMicroseconds,
        };
        foreach (var (metric, get) in expected)
        {
            var row = rows.Single(r => r[2] == metric);
            Assert.Equal(get(typedA), double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(get(typedB), double.Parse(row[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void Compare_as_a_table_rounds_the_same_numbers_and_names_candidates_one_run_lacks()
    {
        var result = CliRunner.Run("experiments", "compare", "r1", "r2", "-o", runs.Output);
        Assert.Equal(0, result.ExitCode);
        var rows = result.Out.Split('\n').Where(l => l.StartsWith('|')).Select(l => l.Trim().Trim('|').Split(" | ").Select(c => c.Trim()).ToArray()).ToList();
        var a = runs.Metrics("r1").Get("forest");
        var b = runs.Metrics("r2").Get("forest");
        var pr = rows.Single(r => r[1] == "quality.prAuc");
        Assert.Equal([a.Quality.PrAuc.ToString("F4", CultureInfo.InvariantCulture), b.Quality.PrAuc.ToString("F4", CultureInfo.InvariantCulture)], pr[2..4]);
        var size = rows.Single(r => r[1] == "cost.sizeBytes");
        Assert.Equal(Format.N(a.Cost.SizeBytes), size[2]);
        Assert.Equal("forest", rows.Single(r => r[1] == "quality.rows")[0]);
        Assert.Contains("Only in r2: automl, mlp.", result.Out);
    }

    [Fact]
    public void Compare_of_an_unknown_run_fails_naming_it()
    {
        var result = CliRunner.Run("experiments", "compare", "r1", "no-such-run", "-o", runs.Output);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-run", result.Error);
    }

    [Fact]
    public void A_bad_output_format_is_bad_usage()
    {
        var result = CliRunner.Run("experiments", "list", "-o", runs.Output, "--output-format", "xml");
        Assert.Equal(2, result.ExitCode);
    }

    /// <summary>A number of a candidate's entry in metrics.json by dotted path, read with the test's own walk.</summary>
    private static double At(JsonObject metrics, string candidate, string path)
    {
        JsonNode? node = metrics["candidates"]!.AsArray().Single(c => c!["candidate"]!.GetValue<string>() == candidate);
        foreach (var part in path.Split('.'))
        {
            node = node![part];
        }

        return double.Parse(node!.ToJsonString(), CultureInfo.InvariantCulture);
    }
}
