namespace Ipsml.Pipelines.Tests;

/// <summary>The repository root (the folder holding Pipeline.sln) and the shared data beside it.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = FindRoot();

    public static string SharedData => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data"));

    private static string FindRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Pipeline.sln")))
            {
                return d.FullName;
            }
        }

        throw new InvalidOperationException("Pipeline.sln not found above " + AppContext.BaseDirectory);
    }
}
