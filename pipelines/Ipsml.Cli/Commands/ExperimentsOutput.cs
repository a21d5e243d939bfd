using System.Globalization;
using System.Text;
using Spectre.Console;

namespace Ipsml.Cli.Commands;

/// <summary>
/// How the experiments commands print: a Spectre table on a terminal, the same table with a plain ASCII (Markdown)
/// border when stdout is redirected or not ANSI-capable, or CSV with values at full precision.
/// </summary>
internal static class ExperimentsOutput
{
    public const string Table = "table";
    public const string Csv = "csv";

    public static ValidationResult ValidateFormat(string format) =>
        format is Table or Csv ? ValidationResult.Success() : ValidationResult.Error($"--output-format: '{format}' is not table or csv");

    /// <summary>True when the table is printed without box drawing or colour (pipes, files, CI logs).</summary>
    public static bool Plain(IAnsiConsole console) => !console.Profile.Capabilities.Ansi || !console.Profile.Out.IsTerminal;

    /// <summary>Writes a table, with its title above it; plain output has no trailing blanks or blank lines.</summary>
    public static void Write(IAnsiConsole console, Table table, string? title = null)
    {
        if (!Plain(console))
        {
            if (title is not null)
            {
                table.Title(Markup.Escape(title));
            }

            console.Write(table.Border(TableBorder.Rounded));
            return;
        }

        var text = new StringWriter();
        var plain = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        plain.Profile.Width = console.Profile.Width;
        plain.Write(table.Border(TableBorder.Markdown));
        var lines = text.ToString().Replace("\r", "").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0);
        var output = new StringBuilder();
        if (title is not null)
        {
            output.Append(title).Append('\n');
        }

        foreach (var line in lines)
        {
            output.Append(line).Append('\n');
        }

        console.Profile.Out.Writer.Write(output.Append('\n').ToString());
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>Writes CSV straight to stdout (no markup, no wrapping).</summary>
    public static void WriteCsv(IAnsiConsole console, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        foreach (var row in rows)
        {
            sb.Append(string.Join(',', row.Select(Escape))).Append('\n');
        }

        console.Profile.Out.Writer.Write(sb.ToString());
        console.Profile.Out.Writer.Flush();
    }

    /// <summary>A double as the shortest text that parses back to the same value.</summary>
    public static string Exact(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static TableColumn Number(string header) => new TableColumn(Markup.Escape(header)).RightAligned();

    public static TableColumn Text(string header) => new(Markup.Escape(header));

    private static string Escape(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
}
