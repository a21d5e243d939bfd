using System.Text.Json.Nodes;
using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class RunComparisonTests
{
    private static JsonObject Metrics(params (string Name, double PrAuc, long Size)[] candidates) => new()
    {
        ["winner"] = candidates[0].Name,
        ["candidates"] = new JsonArray([.. candidates.Select(c => (JsonNode)new JsonObject
        {
            ["candidate"] = c.Name,
            ["quality"] = new JsonObject
            {
                ["prAuc"] = c.PrAuc,
                ["atPrevalence"] = new JsonObject { ["prevalence"] = 0.01, ["precision"] = c.PrAuc / 3 },
                ["calibration"] = new JsonObject { ["expectedCalibrationError"] = 0.05, ["bins"] = new JsonArray(new JsonObject { ["rows"] = 3 }) },
                ["allMalicious"] = new JsonObject { ["precision"] = 0.01 },
            },
            ["cost"] = new JsonObject { ["sizeBytes"] = c.Size },
        })]),
    };

    [Fact]
    public void Shared_candidates_are_compared_number_by_number_with_b_minus_a()
    {
        var c = RunComparison.Compare("a", Metrics(("forest", 0.9, 1000), ("old", 0.5, 10)), "b", Metrics(("forest", 0.95, 1500), ("new", 0.7, 20)));
        Assert.Equal(["quality.prAuc", "quality.atPrevalence.precision", "quality.calibration.expectedCalibrationError", "cost.sizeBytes"], c.Rows.Select(r => r.Metric));
        Assert.All(c.Rows, r => Assert.Equal("forest", r.Candidate));
        var pr = c.Rows[0];
        Assert.Equal((0.9, 0.95), (pr.A, pr.B));
        Assert.Equal(0.95 - 0.9, pr.Delta);
        Assert.Equal(500, c.Rows.Single(r => r.Metric == "cost.sizeBytes").Delta);
        Assert.Equal(["old"], c.OnlyInA);
        Assert.Equal(["new"], c.OnlyInB);
    }

    [Fact]
    public void Table_values_are_rounded_by_kind()
    {
        var row = new MetricComparison("group", "x", "cost.sizeBytes", 1234, 2234);
        Assert.Equal("+1,000", row.Format(row.Delta, signed: true));
        var score = new MetricComparison("group", "x", "quality.prAuc", 0.98765, 0.5);
        Assert.Equal("0.9877", score.Format(score.A));
        Assert.Equal("-0.4877", score.Format(score.Delta, signed: true));
    }
}
