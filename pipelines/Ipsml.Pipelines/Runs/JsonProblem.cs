using System.Text.Json;
using System.Text.RegularExpressions;

namespace Ipsml.Pipelines.Runs;

/// <summary>
/// A <see cref="JsonException"/> in words: "line 4, column 17: '}' is an invalid start of a value", without
/// System.Text.Json's "Path: $ | LineNumber: 3 | BytePositionInLine: 16." tail (its numbers count from 0).
/// </summary>
public static partial class JsonProblem
{
    /// <summary>"line N, column M: reason" (1-based), or only the reason when the exception has no position.</summary>
    public static string Describe(JsonException e)
    {
        var reason = Reason(e);
        return e.LineNumber is { } line
            ? $"line {line + 1}{(e.BytePositionInLine is { } column ? $", column {column + 1}" : "")}: {reason}"
            : reason;
    }

    /// <summary>The exception's message without its path and position tail.</summary>
    public static string Reason(JsonException e)
    {
        var text = Tail().Replace(e.Message, "").Trim();
        return text.EndsWith('.') ? text[..^1] : text;
    }

    [GeneratedRegex(@"\s*(Path: \S*\s*\|?\s*)?(LineNumber: \d+\s*\|\s*BytePositionInLine: \d+\.?)?\s*$")]
    private static partial Regex Tail();
}
