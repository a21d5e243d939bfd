namespace Ipsml.Features;

/// <summary><see cref="RawFeatures"/> → <see cref="FeatureRow"/> with a fitted vocabulary. The only encoder: training and scoring both call it.</summary>
public sealed class FeatureEncoder(FeatureVocabulary vocabulary)
{
    public FeatureVocabulary Vocabulary => vocabulary;

    public FeatureRow Encode(RawFeatures raw, bool label = false, float weight = 1f)
    {
        var row = new FeatureRow();
        EncodeInto(raw, row);
        row.Label = label;
        row.Weight = weight;
        return row;
    }

    /// <summary>Fills an existing row (scoring reuses rows to stay allocation-free).</summary>
    public void EncodeInto(RawFeatures raw, FeatureRow row)
    {
        row.Hour = raw.Hour ?? -1;
        row.Latitude = (float)(raw.Latitude ?? 0);
        row.Longitude = (float)(raw.Longitude ?? 0);
        row.TimeZone = vocabulary.TimeZoneId(raw.TimeZone);
        row.Country = vocabulary.CountryId(raw.CountryCode);
        row.Asn = vocabulary.AsnId(raw.Asn);
        row.IpPrefix = raw.Ipv4Prefix;
    }
}
