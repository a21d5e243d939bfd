using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Experiments;

/// <summary>
/// Reads an experiment section against the options type it binds to, before System.Text.Json does, so a typo or a
/// wrong type is refused in words: <c>unknown key 'maxAsnz' (known: missingHour, …; did you mean 'maxAsns'?)</c>,
/// <c>maxRowsPerAddress: "many" is not a whole number</c>, <c>split: "x" is not an object</c>.
/// </summary>
internal static class SectionCheck
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The first problem of <paramref name="node"/> read as <paramref name="type"/>, or null when it binds.</summary>
    public static string? Problem(Type type, JsonNode? node, JsonSerializerOptions options) => Check(type, node, "", nullable: false, options);

    private static string? Check(Type type, JsonNode? node, string path, bool nullable, JsonSerializerOptions options)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (node is null)
        {
            return underlying is not null || nullable ? null : At(path, $"null is not {Expected(type)}");
        }

        type = underlying ?? type;
        if (typeof(JsonNode).IsAssignableFrom(type))
        {
            return type == typeof(JsonObject) && node is not JsonObject ? At(path, $"{Show(node)} is not an object") : null;
        }

        if (IsScalar(type))
        {
            try
            {
                node.Deserialize(type, options);
                return null;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or NotSupportedException)
            {
                return At(path, $"{Show(node)} is not {Expected(type)}");
            }
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            if (node is not JsonObject map)
            {
                return At(path, $"{Show(node)} is not an object");
            }

            return map.Select(kv => Check(valueType, kv.Value, Join(path, kv.Key), nullable: false, options)).FirstOrDefault(p => p is not null);
        }

        if (ElementType(type) is { } elementType)
        {
            if (node is not JsonArray list)
            {
                return At(path, $"{Show(node)} is not a list");
            }

            return list.Select((item, i) => Check(elementType, item, $"{path}[{i}]", nullable: false, options)).FirstOrDefault(p => p is not null);
        }

        if (node is not JsonObject obj)
        {
            return At(path, $"{Show(node)} is not an object");
        }

        var properties = Properties(type, options);
        foreach (var (key, value) in obj)
        {
            if (!properties.TryGetValue(key, out var property))
            {
                var known = properties.Keys.ToList();
                var guess = Guess(key, known);
                return At(path, $"unknown key '{key}' (known: {string.Join(", ", known)}{(guess is null ? "" : $"; did you mean '{guess}'?")})");
            }

            var problem = Check(property.PropertyType, value, Join(path, key), Nullability.Create(property).WriteState == NullabilityState.Nullable, options);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>The JSON names of the settable properties of an options type, in declaration order.</summary>
    private static Dictionary<string, PropertyInfo> Properties(Type type, JsonSerializerOptions options)
    {
        var result = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is not { IsPublic: true } || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name;
            result[name] = p;
        }

        return result;
    }

    private static bool IsScalar(Type t) =>
        t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTimeOffset) || t == typeof(DateTime) || t == typeof(TimeSpan);

    private static Type? DictionaryValueType(Type t) =>
        t.IsGenericType && t.GetGenericArguments() is [var key, var value] && key == typeof(string)
            && (typeof(IDictionary).IsAssignableFrom(t) || t.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) || t.GetGenericTypeDefinition() == typeof(IDictionary<,>))
            ? value
            : null;

    private static Type? ElementType(Type t) =>
        t.IsArray ? t.GetElementType()
        : t.IsGenericType && typeof(IEnumerable).IsAssignableFrom(t) && t.GetGenericArguments() is [var element] ? element
        : null;

    /// <summary>What a value of the type is, in words.</summary>
    private static string Expected(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(int) || t == typeof(long) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ulong) ? "a whole number"
            : t == typeof(double) || t == typeof(float) || t == typeof(decimal) ? "a number"
            : t == typeof(bool) ? "true or false"
            : t == typeof(string) ? "a string"
            : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? "a date such as \"2022-01-01\" or \"2022-01-01T00:00:00Z\""
            : t.IsEnum ? "one of " + string.Join(", ", Enum.GetNames(t))
            : ElementType(t) is not null && t != typeof(string) ? "a list"
            : "an object";
    }

    /// <summary>The known key the unknown one was probably meant to be: same letters in another case, or at most two edits away.</summary>
    private static string? Guess(string key, IReadOnlyList<string> known) =>
        known.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase))
        ?? known.Select(k => (k, d: Distance(k.ToLowerInvariant(), key.ToLowerInvariant()))).Where(t => t.d <= 2).OrderBy(t => t.d).Select(t => t.k).FirstOrDefault();

    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }

    private static string Show(JsonNode node)
    {
        var text = node.ToJsonString();
        return text.Length <= 40 ? text : text[..37] + "…";
    }

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string At(string path, string problem) => path.Length == 0 ? problem : $"{path}: {problem}";
}
