using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ipsml.Training;

/// <summary>Reads typed trainer parameters from an experiment's JSON object, refusing unknown keys and wrong types by name.</summary>
public sealed class Parameters(string candidate, JsonObject values)
{
    private readonly HashSet<string> read = new(StringComparer.Ordinal);

    public int Int(string key, int fallback, int min = int.MinValue, int max = int.MaxValue)
    {
        var v = Get(key, fallback, n => n.GetValue<int>());
        return v < min || v > max ? throw Bad(key, $"{v} is outside {min}..{max}") : v;
    }

    public double Double(string key, double fallback, double min = double.MinValue, double max = double.MaxValue)
    {
        var v = Get(key, fallback, n => n.GetValue<double>());
        return v < min || v > max ? throw Bad(key, $"{v} is outside {min}..{max}") : v;
    }

    public string String(string key, string fallback, params string[] allowed)
    {
        var v = Get(key, fallback, n => n.GetValue<string>());
        return allowed.Length > 0 && !allowed.Contains(v) ? throw Bad(key, $"'{v}' is not one of {string.Join(", ", allowed)}") : v;
    }

    /// <summary>Call after reading every parameter: refuses keys nobody read (typos).</summary>
    public void EnsureAllRead()
    {
        var unknown = values.Select(kv => kv.Key).Where(k => !read.Contains(k)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"candidate '{candidate}': unknown parameter(s) {string.Join(", ", unknown)}; known: {string.Join(", ", read.Order(StringComparer.Ordinal))}");
        }
    }

    /// <summary>The parameters as used, defaults filled in, for model.json and the report.</summary>
    public JsonObject Used { get; } = [];

    private T Get<T>(string key, T fallback, Func<JsonNode, T> convert)
    {
        read.Add(key);
        T value = fallback;
        if (values.TryGetPropertyValue(key, out var node) && node is not null)
        {
            try
            {
                value = convert(node);
            }
            catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException)
            {
                throw Bad(key, $"{node.ToJsonString()} is not {Expected<T>()}");
            }
        }

        Used[key] = JsonValue.Create(value);
        return value;
    }

    /// <summary>What a value of <typeparamref name="T"/> is, in words: "a whole number", "a number", "a string".</summary>
    private static string Expected<T>() => typeof(T) == typeof(int) ? "a whole number"
        : typeof(T) == typeof(double) ? "a number"
        : typeof(T) == typeof(string) ? "a string"
        : "a " + typeof(T).Name;

    private ArgumentException Bad(string key, string why) => new($"candidate '{candidate}': parameter '{key}': {why}");
}
