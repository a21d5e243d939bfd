using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class SliceMetricsTests
{
    // Threshold 0.5. DE: 3 rows (2 malicious: 0.9 flagged, 0.4 missed; 1 benign 0.6 flagged).
    // US: 2 benign (0.1, 0.7 flagged). FR: 1 malicious (0.8). No country: 1 malicious (0.3).
    private static readonly ScoredRow[] Rows =
    [
        ScoredRows.Row("1.0.0.1", true, 0.9f, feeds: "a|b", country: "DE", asn: 1),
        ScoredRows.Row("1.0.0.2", true, 0.4f, feeds: "a", country: "DE", asn: 1),
        ScoredRows.Row("1.0.0.3", false, 0.6f, feeds: "c", country: "DE", asn: 2),
        ScoredRows.Row("1.0.0.4", false, 0.1f, feeds: "c", country: "US", asn: 2),
        ScoredRows.Row("1.0.0.5", false, 0.7f, feeds: "c", country: "US", asn: null),
        ScoredRows.Row("1.0.0.6", true, 0.8f, feeds: "b", country: "FR", asn: 3),
        ScoredRows.Row("1.0.0.7", true, 0.3f, feeds: "a", country: null, asn: 3),
    ];

    [Fact]
    public void A_slice_counts_rows_flags_and_rates_at_the_threshold()
    {
        var de = SliceMetrics.ByCountry(Rows, 0.5).Single(s => s.Name == "DE");
        Assert.Equal(3, de.Rows);
        Assert.Equal(2, de.Malicious);
        Assert.Equal(2, de.Flagged);
        Assert.Equal(0.5, de.Precision);      // 1 of the 2 flagged is malicious
        Assert.Equal(0.5, de.Recall);         // 1 of the 2 malicious is flagged
        Assert.Equal(0.5, de.RocAuc);         // malicious 0.9 beats benign 0.6, 0.4 does not: 1 of 2 pairs
        Assert.Equal((1.0 + (2.0 / 3)) / 2, de.PrAuc, 12); // AP: recall 0.5 at precision 1, recall 1 at precision 2/3
    }

    [Fact]
    public void Aucs_and_rates_are_not_available_where_a_slice_lacks_a_label_or_flags()
    {
        var us = SliceMetrics.ByCountry(Rows, 0.5).Single(s => s.Name == "US");
        Assert.True(double.IsNaN(us.RocAuc));
        Assert.True(double.IsNaN(us.PrAuc));
        Assert.True(double.IsNaN(us.Recall));
        Assert.Equal(0, us.Precision);
        var unknown = SliceMetrics.ByCountry(Rows, 0.5).Single(s => s.Name == SliceMetrics.Unknown);
        Assert.Equal(0, unknown.Flagged);
        Assert.True(double.IsNaN(unknown.Precision));
    }

    [Fact]
    public void Country_and_asn_slices_partition_the_rows_with_the_tail_pooled()
    {
        var countries = SliceMetrics.ByCountry(Rows, 0.5, top: 2);
        Assert.Equal(["DE", "US", "other (2 countries)"], countries.Select(s => s.Name));
        Assert.Equal(Rows.Length, countries.Sum(s => s.Rows));
        var asns = SliceMetrics.ByAsn(Rows, 0.5, top: 1);
        Assert.Equal(["AS1", "other (3 ASNs)"], asns.Select(s => s.Name)); // AS1, AS2, AS3 have 2 rows each: by name
        Assert.Equal(Rows.Length, asns.Sum(s => s.Rows));
    }

    [Fact]
    public void A_row_listed_by_several_feeds_counts_in_each_feed()
    {
        var feeds = SliceMetrics.ByFeed(Rows, 0.5);
        Assert.Equal(3, feeds.Single(s => s.Name == "a").Rows);
        Assert.Equal(2, feeds.Single(s => s.Name == "b").Rows);
        Assert.Equal(3, feeds.Single(s => s.Name == "c").Rows);
        Assert.Equal(Rows.Sum(r => r.Feeds.Count), feeds.Sum(s => s.Rows));
    }
}
