namespace Ipsml.Pipelines.Report;

/// <summary>One section of the report: a stable id (the HTML anchor) and its Markdown, heading included.</summary>
public sealed record ReportSection(string Id, string Markdown)
{
    public const string Summary = "summary";
    public const string Plots = "plots";
}
