namespace Ipsml.Pipelines.Report;

/// <summary>One PNG plot of the report, written to <c>report/plots/FILE</c>.</summary>
/// <param name="Id">Stable name, also the file name without ".png".</param>
/// <param name="Title">Heading shown above it.</param>
/// <param name="Caption">What it shows and where its numbers come from.</param>
public sealed record PlotFile(string Id, string Title, string Caption, int Width, int Height)
{
    public const string Folder = "plots";

    public string FileName => Id + ".png";

    /// <summary>Path relative to the report folder, with '/' (for Markdown links and HTML).</summary>
    public string RelativePath => $"{Folder}/{FileName}";
}
