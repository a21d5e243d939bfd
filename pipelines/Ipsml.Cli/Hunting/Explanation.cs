using Ipsml.Features;

namespace Ipsml.Cli.Hunting;

/// <summary>A scored connection's features (as enriched, plus the ASN's organisation) and their contributions, largest first.</summary>
internal sealed record Explanation(RawFeatures Features, string? AsOrganization, float Probability, IReadOnlyList<FeatureDriver> Drivers)
{
    /// <summary>The <paramref name="count"/> largest contributions as "asn AS4134 +0.31, country CN +0.12".</summary>
    public string Summary(int count) => string.Join(", ", Drivers.Take(count).Select(d => $"{d.Feature} {d.Value} {Signed(d.Delta)}"));

    public static string Signed(double delta) => delta.ToString("+0.000;-0.000;0.000", System.Globalization.CultureInfo.InvariantCulture);
}
