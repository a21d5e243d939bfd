using System.Text;

namespace Ipsml.Cli.Hunting;

/// <summary>Input quoted back in a message: clipped, so that a huge bad line gives a short message.</summary>
internal static class Echo
{
    /// <summary>Characters of the input shown at most.</summary>
    public const int MaxLength = 80;

    /// <summary>The text in single quotes, its first <see cref="MaxLength"/> characters and "…" when longer; control characters shown as '?'.</summary>
    public static string Quote(ReadOnlySpan<char> text)
    {
        var shown = text.Length > MaxLength ? text[..MaxLength] : text;
        var quoted = new StringBuilder(shown.Length + 3).Append('\'');
        foreach (var c in shown)
        {
            quoted.Append(char.IsControl(c) ? '?' : c);
        }

        return (text.Length > MaxLength ? quoted.Append('…') : quoted).Append('\'').ToString();
    }
}
