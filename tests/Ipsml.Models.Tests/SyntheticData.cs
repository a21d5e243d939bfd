using Ipsml.Features;

namespace Ipsml.Models.Tests;

/// <summary>
/// Small, seeded feature rows with a learnable rule: malicious rows come from countries 1–3 at night (hours 0–5),
/// benign rows from countries 4–6 in the day. Enough signal for any candidate to beat chance by far.
/// </summary>
internal static class SyntheticData
{
    public static List<FeatureRow> Rows(int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<FeatureRow>(count);
        for (var i = 0; i < count; i++)
        {
            var malicious = random.NextDouble() < 0.5;
            var noisy = random.NextDouble() < 0.1;
            var country = (malicious ^ noisy) ? random.Next(1, 4) : random.Next(4, 7);
            rows.Add(new FeatureRow
            {
                Label = malicious,
                Hour = (malicious ^ noisy) ? random.Next(0, 6) : random.Next(8, 20),
                Latitude = (float)(random.NextDouble() * 120 - 60),
                Longitude = (float)(random.NextDouble() * 340 - 170),
                TimeZone = country,
                Country = country,
                Asn = random.Next(0, 20),
            });
        }

        return rows;
    }

    public static FeatureVocabulary Vocabulary() => new()
    {
        Countries = ["AA", "BB", "CC", "DD", "EE", "FF"],
        TimeZones = ["Z/1", "Z/2", "Z/3", "Z/4", "Z/5", "Z/6"],
        Asns = [.. Enumerable.Range(1, 18).Select(i => (long)i)],
    };
}
