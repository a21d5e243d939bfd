namespace Ipsml.Pipelines.Tests.Report;

/// <summary>The report and experiments tests share one <see cref="ReportRuns"/> (two real pipeline runs) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ReportRunsCollection : ICollectionFixture<ReportRuns>
{
    public const string Name = "report runs";
}
