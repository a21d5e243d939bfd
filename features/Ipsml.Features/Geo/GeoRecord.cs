namespace Ipsml.Features.Geo;

/// <summary>
/// What the geo databases say about one address. Every field is null when the database has no answer.
/// The databases cache answers by each record's own network (never a /24 guess); see <see cref="NetworkCache{T}"/>.
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
