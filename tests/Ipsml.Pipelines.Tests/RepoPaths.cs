namespace Ipsml.Pipelines.Tests;

/// <summary>The repository root (the folder holding Pipeline.sln) and the shared data beside it.</summary>
internal static class RepoPaths
{
    public static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                dir = dir.Parent;
            }

            return dir?.FullName ?? throw new InvalidOperationException($"no Pipeline.sln above {AppContext.BaseDirectory}");
        }
    }

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));
}
