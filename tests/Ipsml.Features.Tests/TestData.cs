namespace Ipsml.Features.Tests;

/// <summary>Finds ../shared/data beside the repository (the folder holding Pipeline.sln).</summary>
internal static class TestData
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The shared data folder.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>A file under the shared data folder, e.g. Path("ipsum", "ipsum.txt").</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                var data = System.IO.Path.GetFullPath(System.IO.Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException($"shared data not found at {data}");
            }
        }

        throw new DirectoryNotFoundException($"no Pipeline.sln above {AppContext.BaseDirectory}");
    }
}
