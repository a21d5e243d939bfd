using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipsml.Features.Geo;

/// <summary>
/// Writes <see cref="GeoDatabaseInfo"/> with camelCase keys and reads keys in any case: artifacts and datasets written
/// before the keys were camelCase (<c>"Sha256"</c>) load as they did, so their geo check still works.
/// </summary>
internal sealed class GeoDatabaseInfoJsonConverter : JsonConverter<GeoDatabaseInfo>
{
    private static readonly string[] Keys = ["role", "databaseType", "source", "fileName", "buildDate", "sha256", "licence"];

    public override GeoDatabaseInfo Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("a geo database record must be an object");
        }

        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            values[name] = reader.TokenType switch
            {
                JsonTokenType.Null => null,
                JsonTokenType.String => reader.GetString(),
                _ => throw new JsonException($"geo database '{name}' must be a string"),
            };
        }

        string Required(string key) => values.TryGetValue(key, out var v) && v is not null ? v : throw new JsonException($"geo database record without '{key}'");
        return new GeoDatabaseInfo(
            Required(Keys[0]),
            Required(Keys[1]),
            Required(Keys[2]),
            Required(Keys[3]),
            values.GetValueOrDefault(Keys[4]),
            Required(Keys[5]),
            Required(Keys[6]));
    }

    public override void Write(Utf8JsonWriter writer, GeoDatabaseInfo value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteString(Keys[0], value.Role);
        writer.WriteString(Keys[1], value.DatabaseType);
        writer.WriteString(Keys[2], value.Source);
        writer.WriteString(Keys[3], value.FileName);
        writer.WriteString(Keys[4], value.BuildDate);
        writer.WriteString(Keys[5], value.Sha256);
        writer.WriteString(Keys[6], value.Licence);
        writer.WriteEndObject();
    }
}
