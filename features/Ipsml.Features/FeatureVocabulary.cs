using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipsml.Features;

/// <summary>
/// The categorical vocabularies a model was trained with, versioned with it. Ids: 0 = unknown (the databases gave
/// nothing), 1..n = the listed values in order, n+1 = other (a value the training split did not have, or an ASN
/// outside the top K). Fitted on the training split only.
/// </summary>
public sealed class FeatureVocabulary
{
    private Dictionary<string, int>? countryIds;
    private Dictionary<string, int>? timeZoneIds;
    private Dictionary<long, int>? asnIds;

    [JsonPropertyName("schema")]
    public string Schema { get; init; } = FeatureSchema.Version;

    [JsonPropertyName("countries")]
    public IReadOnlyList<string> Countries { get; init; } = [];

    [JsonPropertyName("timeZones")]
    public IReadOnlyList<string> TimeZones { get; init; } = [];

    /// <summary>The top ASNs of the training split, most frequent first.</summary>
    [JsonPropertyName("asns")]
    public IReadOnlyList<long> Asns { get; init; } = [];

    public int CountryOtherId => Countries.Count + 1;

    public int TimeZoneOtherId => TimeZones.Count + 1;

    public int AsnOtherId => Asns.Count + 1;

    /// <summary>Fits vocabularies on training rows: every country and time zone seen (ordinal order), the <paramref name="maxAsns"/> most frequent ASNs.</summary>
    public static FeatureVocabulary Fit(IEnumerable<RawFeatures> training, int maxAsns)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxAsns);
        var countries = new HashSet<string>(StringComparer.Ordinal);
        var zones = new HashSet<string>(StringComparer.Ordinal);
        var asnCounts = new Dictionary<long, int>();
        foreach (var r in training)
        {
            if (r.CountryCode is { } c)
            {
                countries.Add(c);
            }

            if (r.TimeZone is { } z)
            {
                zones.Add(z);
            }

            if (r.Asn is { } a)
            {
                asnCounts[a] = asnCounts.GetValueOrDefault(a) + 1;
            }
        }

        return new FeatureVocabulary
        {
            Countries = [.. countries.Order(StringComparer.Ordinal)],
            TimeZones = [.. zones.Order(StringComparer.Ordinal)],
            Asns = [.. asnCounts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Take(maxAsns).Select(kv => kv.Key)],
        };
    }

    public int CountryId(string? code) => Id(code, Countries, ref countryIds);

    public int TimeZoneId(string? zone) => Id(zone, TimeZones, ref timeZoneIds);

    public int AsnId(long? asn)
    {
        if (asn is null)
        {
            return 0;
        }

        asnIds ??= Asns.Select((a, i) => (a, i)).ToDictionary(t => t.a, t => t.i + 1);
        return asnIds.TryGetValue(asn.Value, out var id) ? id : AsnOtherId;
    }

    private static int Id(string? value, IReadOnlyList<string> values, ref Dictionary<string, int>? ids)
    {
        if (value is null)
        {
            return 0;
        }

        ids ??= values.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i + 1, StringComparer.Ordinal);
        return ids.TryGetValue(value, out var id) ? id : values.Count + 1;
    }

    public static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>Reads a vocabulary file; throws <see cref="InvalidDataException"/> naming the file when it is unreadable or of another schema.</summary>
    public static FeatureVocabulary Load(string path)
    {
        FeatureVocabulary? v;
        try
        {
            v = JsonSerializer.Deserialize<FeatureVocabulary>(File.ReadAllText(path), JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: line {e.LineNumber + 1}: not a feature vocabulary: {e.Message}", e);
        }

        if (v is null)
        {
            throw new InvalidDataException($"{path}: empty feature vocabulary");
        }

        if (v.Schema != FeatureSchema.Version)
        {
            throw new InvalidDataException($"{path}: feature schema '{v.Schema}' does not match this build's '{FeatureSchema.Version}'");
        }

        return v;
    }
}
