using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Ipsml.Features.Inputs;

/// <summary>One line of a JSON Lines file, parsed without letting a bad line throw.</summary>
internal static class JsonLine
{
    /// <summary>The line's JSON object, or a Malformed drop (bad JSON, or JSON that is not an object).</summary>
    public static bool TryParseObject(string line, long number, [NotNullWhen(true)] out JsonDocument? document, out FeedItem drop)
    {
        drop = default;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            document = null;
            drop = FeedItem.Dropped(number, DropReason.Malformed, "bad JSON: " + Detail.Clip(e.Message));
            return false;
        }
        catch (ArgumentException)
        {
            // A lone UTF-16 surrogate cannot be transcoded to UTF-8 (text from a TextReader that let one through).
            document = null;
            drop = FeedItem.Dropped(number, DropReason.Malformed, "invalid UTF-16 text");
            return false;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            var kind = document.RootElement.ValueKind;
            document.Dispose();
            document = null;
            drop = FeedItem.Dropped(number, DropReason.Malformed, $"JSON {kind.ToString().ToLowerInvariant()}, not an object");
            return false;
        }

        return true;
    }

    /// <summary>The string value of a property, or null when it is missing or not a string.</summary>
    public static string? String(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
