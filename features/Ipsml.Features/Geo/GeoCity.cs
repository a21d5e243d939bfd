namespace Ipsml.Features.Geo;

/// <summary>What a city database says about one address; every field is null when it has no answer.</summary>
public sealed record GeoCity(double? Latitude, double? Longitude, string? TimeZone, string? CountryCode)
{
    public static readonly GeoCity Unknown = new(null, null, null, null);
}
