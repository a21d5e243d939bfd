namespace Ipsml.Features.Inputs;

/// <summary>Names and readers of the format options in <c>data/feeds.json</c>.</summary>
internal static class ReaderOptions
{
    /// <summary>IANA zone for zone-less times; UTC when absent.</summary>
    public const string TimeZone = "timezone";

    /// <summary>Zeek: which side of a connection is the remote address: resp (default), orig or auto.</summary>
    public const string Remote = "remote";

    /// <summary>Zeek: the column holding the row's label; "label" when absent.</summary>
    public const string Labels = "labels";

    public static TimeZoneInfo Zone(IReadOnlyDictionary<string, string> options) =>
        TimeParsing.ResolveZone(options.GetValueOrDefault(TimeZone));
}
