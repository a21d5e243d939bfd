namespace Ipsml.Features.Inputs;

/// <summary>The options of both Zeek conn.log formats (<c>zeek-conn</c>, <c>zeek-conn-json</c>), named and checked in one place.</summary>
internal static class ZeekConnOptions
{
    public static IReadOnlyCollection<string> Names { get; } = [ReaderOptions.Remote, ReaderOptions.Labels, ReaderOptions.TimeZone, ReaderOptions.Local];

    /// <summary>Throws <see cref="ArgumentException"/> for the first bad value: remote side, then zone, then local networks.</summary>
    public static void Check(IReadOnlyDictionary<string, string> options)
    {
        ZeekRemoteOption.Parse(options);
        ReaderOptions.Zone(options);
        ReaderOptions.Sides(options);
    }
}
