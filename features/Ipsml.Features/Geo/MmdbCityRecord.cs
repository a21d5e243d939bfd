using MaxMind.Db;

namespace Ipsml.Features.Geo;

/// <summary>
/// The only parts of a GeoIP2/GeoLite2 City record the features use. Decoding into this small type instead of a full
/// <c>CityResponse</c> skips names in every language, subdivisions and postal codes; the answers are the same fields
/// <c>DatabaseReader.City</c> returns (<c>country.iso_code</c>, <c>location.latitude/longitude/time_zone</c>).
/// </summary>
internal sealed class MmdbCityRecord
{
    [Constructor]
    public MmdbCityRecord([MapKey("country")] MmdbCountry? country, [MapKey("location")] MmdbLocation? location)
    {
        Country = country;
        Location = location;
    }

    public MmdbCountry? Country { get; }

    public MmdbLocation? Location { get; }

    public GeoCity ToGeoCity() =>
        Country?.IsoCode is null && Location is null
            ? GeoCity.Unknown
            : new GeoCity(Location?.Latitude, Location?.Longitude, Location?.TimeZone, Country?.IsoCode);
}

/// <summary>The <c>country</c> map of a City record.</summary>
internal sealed class MmdbCountry
{
    [Constructor]
    public MmdbCountry([MapKey("iso_code")] string? isoCode) => IsoCode = isoCode;

    public string? IsoCode { get; }
}

/// <summary>The <c>location</c> map of a City record.</summary>
internal sealed class MmdbLocation
{
    [Constructor]
    public MmdbLocation(
        [MapKey("latitude")] double? latitude,
        [MapKey("longitude")] double? longitude,
        [MapKey("time_zone")] string? timeZone)
    {
        Latitude = latitude;
        Longitude = longitude;
        TimeZone = timeZone;
    }

    public double? Latitude { get; }

    public double? Longitude { get; }

    public string? TimeZone { get; }
}
