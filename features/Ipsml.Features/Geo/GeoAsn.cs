namespace Ipsml.Features.Geo;

/// <summary>What an ASN database says about one address; both fields are null when it has no answer.</summary>
/// <param name="Number">Autonomous system number, 0..4294967295 (hence <see cref="long"/>).</param>
/// <param name="Organization">The organisation the database names for the AS.</param>
public sealed record GeoAsn(long? Number, string? Organization)
{
    public static readonly GeoAsn Unknown = new(null, null);
}
