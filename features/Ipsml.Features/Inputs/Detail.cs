using System.Text;

namespace Ipsml.Features.Inputs;

/// <summary>Short, printable drop details.</summary>
internal static class Detail
{
    private const int MaxLength = 60;

    /// <summary>The text quoted, clipped to a few dozen characters, control characters shown as '?'.</summary>
    public static string Quote(ReadOnlySpan<char> text) => "'" + Clip(text) + "'";

    public static string Clip(ReadOnlySpan<char> text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxLength) + 3);
        foreach (var c in text.Length > MaxLength ? text[..MaxLength] : text)
        {
            builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
        }

        if (text.Length > MaxLength)
        {
            builder.Append("...");
        }

        return builder.ToString();
    }

    public static FeedItem BadAddress(long line, ReadOnlySpan<char> text) =>
        FeedItem.Dropped(line, DropReason.BadAddress, "bad address " + Quote(text));

    public static FeedItem BadTime(long line, ReadOnlySpan<char> text) =>
        FeedItem.Dropped(line, DropReason.BadTime, "bad time " + Quote(text));

    public static FeedItem Columns(long line, int found, string expected) =>
        FeedItem.Dropped(line, DropReason.WrongColumnCount, $"{found} columns, expected {expected}");
}
