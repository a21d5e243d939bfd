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

    /// <summary>Connection logs: local networks (<c>CIDR,CIDR</c>) for the remote-side rule, beside non-public space (see <see cref="ConnectionSides"/>).</summary>
    public const string Local = "local";

    /// <summary>The remote-side rule of option "local".</summary>
    public static ConnectionSides Sides(IReadOnlyDictionary<string, string> options) =>
        ConnectionSides.Parse(options.GetValueOrDefault(Local));

    public static TimeZoneInfo Zone(IReadOnlyDictionary<string, string> options) =>
        TimeParsing.ResolveZone(options.GetValueOrDefault(TimeZone));
}
