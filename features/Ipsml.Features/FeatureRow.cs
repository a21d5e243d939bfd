namespace Ipsml.Features;

/// <summary>
/// One encoded row, the input of every model kind, in training and in scoring.
/// Categorical values are vocabulary ids stored as floats (exact below 2^24): 0 = unknown, last id = other.
/// Column names are the field names; refer to them with <c>nameof</c>.
/// </summary>
public sealed class FeatureRow
{
    /// <summary>True for malicious. Ignored when scoring.</summary>
    public bool Label;

    /// <summary>Training weight. 1 unless the dataset says otherwise.</summary>
    public float Weight = 1f;

    /// <summary>Hour of day 0..23 in UTC; -1 when unknown.</summary>
    public float Hour;

    /// <summary>Latitude in degrees; 0 when unknown (then <see cref="Country"/> is usually 0 too).</summary>
    public float Latitude;

    /// <summary>Longitude in degrees; 0 when unknown.</summary>
    public float Longitude;

    /// <summary>Time zone vocabulary id.</summary>
    public float TimeZone;

    /// <summary>Country vocabulary id.</summary>
    public float Country;

    /// <summary>ASN vocabulary id (top-K ASNs of the training split, then other).</summary>
    public float Asn;

    /// <summary>The IPv4 address's /24 prefix as a number (address >> 8), 0 for IPv6. Used by the csirtg baseline only.</summary>
    public float IpPrefix;

    /// <summary>A field-by-field copy (rows are mutable; occlusion and permutation change copies, never the originals).</summary>
    public FeatureRow Clone() => (FeatureRow)MemberwiseClone();
}
