using MaxMind.Db;

namespace Ipsml.Features.Geo;

/// <summary>The fields of a GeoLite2-ASN (or GeoIP2-ISP) record the features use.</summary>
internal sealed class MmdbAsnRecord
{
    [Constructor]
    public MmdbAsnRecord(
        [MapKey("autonomous_system_number")] long? number,
        [MapKey("autonomous_system_organization")] string? organization)
    {
        Number = number;
        Organization = organization;
    }

    public long? Number { get; }

    public string? Organization { get; }

    public GeoAsn ToGeoAsn() => Number is null && Organization is null ? GeoAsn.Unknown : new GeoAsn(Number, Organization);
}
