namespace Ipsml.Features.Tests;

/// <summary>Locates the read-only shared data (<c>../shared/data</c> beside the repository root) used by the geo tests.</summary>
internal static class GeoTestData
{
    private static readonly Lazy<string> DataRoot = new(FindDataRoot);

    public static string SharedData => DataRoot.Value;

    public static string MaxMindTestData => Path.Combine(SharedData, "maxmind-test", "test-data");

    public static string MaxMindSourceData => Path.Combine(SharedData, "maxmind-test", "source-data");

    public static string CityTestMmdb => Path.Combine(MaxMindTestData, "GeoIP2-City-Test.mmdb");

    public static string AsnTestMmdb => Path.Combine(MaxMindTestData, "GeoLite2-ASN-Test.mmdb");

    public static string CityTestJson => Path.Combine(MaxMindSourceData, "GeoIP2-City-Test.json");

    public static string AsnTestJson => Path.Combine(MaxMindSourceData, "GeoLite2-ASN-Test.json");

    private static string FindDataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
            {
                var data = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(data)
                    ? data
                    : throw new DirectoryNotFoundException($"Shared test data not found at {data}.");
            }
        }

        throw new DirectoryNotFoundException($"No Pipeline.sln above {AppContext.BaseDirectory}.");
    }
}
