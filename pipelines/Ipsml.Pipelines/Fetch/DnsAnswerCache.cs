using System.Text.Json;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// The resolver's answers on disk (<see cref="ContentCache.DnsAnswers"/>), one JSON object keyed by domain.
/// A missing or unreadable file is an empty cache; saving rewrites it atomically and drops expired answers.
/// </summary>
internal static class DnsAnswerCache
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Dictionary<string, DnsAnswer> Load(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, DnsAnswer>(StringComparer.Ordinal);
        }

        try
        {
            var loaded = JsonSerializer.Deserialize<Dictionary<string, DnsAnswer>>(File.ReadAllText(path), Json);
            return loaded is null
                ? new Dictionary<string, DnsAnswer>(StringComparer.Ordinal)
                : new Dictionary<string, DnsAnswer>(loaded, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged cache only costs lookups; it is replaced on the next save.
            return new Dictionary<string, DnsAnswer>(StringComparer.Ordinal);
        }
    }

    public static Task SaveAsync(ContentCache cache, IReadOnlyDictionary<string, DnsAnswer> answers, DateTimeOffset now, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var kept = answers
            .Where(kv => now - kv.Value.ResolvedAt <= maxAge)
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return cache.WriteAtomicallyAsync(cache.DnsAnswers, JsonSerializer.Serialize(kept, Json), cancellationToken);
    }
}
