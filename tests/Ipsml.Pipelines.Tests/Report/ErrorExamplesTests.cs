using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

public sealed class ErrorExamplesTests
{
    private static readonly ScoredRow[] Rows =
    [
        ScoredRows.Row("10.0.0.1", malicious: false, 0.9f),
        ScoredRows.Row("10.0.0.2", malicious: false, 0.2f),
        ScoredRows.Row("10.0.0.3", malicious: true, 0.1f),
        ScoredRows.Row("10.0.0.4", malicious: true, 0.95f),
        ScoredRows.Row("10.0.0.5", malicious: false, 0.9f),
        ScoredRows.Row("10.0.0.6", malicious: true, 0.05f),
        ScoredRows.Row("10.0.0.7", malicious: false, 0.5f),
    ];

    [Fact]
    public void False_positives_are_the_highest_scoring_benign_rows_ties_by_address()
    {
        var top = ErrorExamples.TopFalsePositives(Rows, 3);
        Assert.Equal(["10.0.0.1", "10.0.0.5", "10.0.0.7"], top.Select(r => r.Row.Features.Address.ToString()));
    }

    [Fact]
    public void False_negatives_are_the_lowest_scoring_malicious_rows()
    {
        var top = ErrorExamples.TopFalseNegatives(Rows, 2);
        Assert.Equal(["10.0.0.6", "10.0.0.3"], top.Select(r => r.Row.Features.Address.ToString()));
    }

    [Fact]
    public void Lists_are_cut_to_the_rows_of_the_label_there_are()
    {
        Assert.Equal(4, ErrorExamples.TopFalsePositives(Rows, 10).Count);
        Assert.Equal(3, ErrorExamples.TopFalseNegatives(Rows, 10).Count);
    }
}
