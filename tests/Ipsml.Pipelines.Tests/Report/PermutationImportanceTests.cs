using Ipsml.Features;
using Ipsml.Pipelines.Report;
using Ipsml.Scoring;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class PermutationImportanceTests
{
    /// <summary>A model that reads only the hour: night is malicious.</summary>
    private sealed class HourModel : IScoringModel
    {
        public string Kind => "test";

        public float[] Score(IReadOnlyList<FeatureRow> rows) => [.. rows.Select(r => r.Hour < 8 ? 0.9f - (r.Hour / 100f) : 0.1f + (r.Hour / 100f))];

        public void Dispose()
        {
        }
    }

    private static List<FeatureRow> Rows() =>
        [.. Enumerable.Range(0, 400).Select(i => new FeatureRow { Label = i % 2 == 0, Hour = i % 2 == 0 ? i % 8 : 8 + (i % 16), Country = i % 7, Asn = i % 5, Latitude = i })];

    [Fact]
    public void Only_the_column_the_model_reads_loses_anything_when_shuffled()
    {
        var result = PermutationImportance.Compute(new HourModel(), Rows(), ["Hour", "Country", "Asn", "Latitude"], seed: 3);
        Assert.Equal(1.0, result.RocAuc);
        var hour = result.Columns.Single(c => c.Column == "Hour");
        Assert.True(hour.RocAucDrop > 0.3, $"hour drop {hour.RocAucDrop}");
        Assert.All(result.Columns.Where(c => c.Column != "Hour"), c => Assert.Equal(0.0, c.RocAucDrop));
        Assert.All(result.Columns.Where(c => c.Column != "Hour"), c => Assert.Equal(0.0, c.PrAucDrop));
    }

    [Fact]
    public void The_same_seed_gives_the_same_importance_and_the_callers_rows_are_untouched()
    {
        var rows = Rows();
        var hours = rows.Select(r => r.Hour).ToArray();
        var a = PermutationImportance.Compute(new HourModel(), rows, ["Hour", "Country"], seed: 11);
        var b = PermutationImportance.Compute(new HourModel(), rows, ["Hour", "Country"], seed: 11);
        Assert.Equal(a.Columns, b.Columns);
        Assert.Equal(hours, rows.Select(r => r.Hour));
    }

    [Fact]
    public void More_rows_than_the_cap_are_sampled_down_to_it()
    {
        var rows = Enumerable.Range(0, PermutationImportance.MaxRows + 500).Select(i => new FeatureRow { Label = i % 3 == 0, Hour = i % 24 }).ToList();
        var result = PermutationImportance.Compute(new HourModel(), rows, ["Hour"], seed: 1);
        Assert.Equal(PermutationImportance.MaxRows, result.Rows);
    }
}
