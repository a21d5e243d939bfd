namespace Ipsml.Features;

/// <summary>
/// The feature contract between datasets, models and scorers. A model artifact records <see cref="Version"/>
/// and the columns it was trained on; a scorer refuses an artifact whose schema version differs.
/// </summary>
public static class FeatureSchema
{
    /// <summary>Bump when the meaning or encoding of any column changes.</summary>
    public const string Version = "ipsml-features/1";

    public const int Major = 1;

    /// <summary>The default model input: the csirtg-ipsml feature set (hour, location, time zone, country, ASN).</summary>
    public static readonly IReadOnlyList<string> DefaultColumns =
    [
        nameof(FeatureRow.Hour),
        nameof(FeatureRow.Latitude),
        nameof(FeatureRow.Longitude),
        nameof(FeatureRow.TimeZone),
        nameof(FeatureRow.Country),
        nameof(FeatureRow.Asn),
    ];

    /// <summary>Every input column a model may use.</summary>
    public static readonly IReadOnlyList<string> AllColumns = [.. DefaultColumns, nameof(FeatureRow.IpPrefix)];

    /// <summary>Columns whose values are vocabulary ids (or, for hour, small integers) rather than measurements.</summary>
    public static readonly IReadOnlySet<string> CategoricalColumns = new HashSet<string>
    {
        nameof(FeatureRow.Hour),
        nameof(FeatureRow.TimeZone),
        nameof(FeatureRow.Country),
        nameof(FeatureRow.Asn),
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first column that is not a model input.</summary>
    public static void Validate(IEnumerable<string> columns)
    {
        foreach (var c in columns)
        {
            if (!AllColumns.Contains(c))
            {
                throw new ArgumentException($"unknown feature column '{c}'; known: {string.Join(", ", AllColumns)}");
            }
        }
    }

    /// <summary>Reads a column of a row by name.</summary>
    public static float Get(FeatureRow row, string column) => column switch
    {
        nameof(FeatureRow.Hour) => row.Hour,
        nameof(FeatureRow.Latitude) => row.Latitude,
        nameof(FeatureRow.Longitude) => row.Longitude,
        nameof(FeatureRow.TimeZone) => row.TimeZone,
        nameof(FeatureRow.Country) => row.Country,
        nameof(FeatureRow.Asn) => row.Asn,
        nameof(FeatureRow.IpPrefix) => row.IpPrefix,
        _ => throw new ArgumentException($"unknown feature column '{column}'"),
    };
}
