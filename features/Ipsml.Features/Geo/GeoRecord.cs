namespace Ipsml.Features.Geo;

/// <summary>
/// What the geo databases say about one address. Every field is null when the database has no answer;
/// <see cref="Network"/> is the database record's own network (used as a cache key, never a /24 guess).
/// </summary>
public sealed record GeoRecord(
    double? Latitude,
    double? Longitude,
    string? TimeZone,
    string? CountryCode,
    long? Asn,
    string? AsnOrganization)
{
    public static readonly GeoRecord Unknown = new(null, null, null, null, null, null);
}
