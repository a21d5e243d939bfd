using Spectre.Console;

namespace Ipsml.Cli.Infrastructure;

/// <summary>Results go to <see cref="Out"/> (stdout); diagnostics, progress and errors to <see cref="Error"/> (stderr).</summary>
public sealed record IpsmlConsoles(IAnsiConsole Out, IAnsiConsole Error, TextReader In, bool InputRedirected)
{
    public static IpsmlConsoles FromProcess() => new(
        Create(System.Console.Out, System.Console.IsOutputRedirected),
        Create(System.Console.Error, System.Console.IsErrorRedirected),
        System.Console.In,
        System.Console.IsInputRedirected);

    /// <summary>A console on a writer; redirected output (CI logs, pipes) is not wrapped at 80 columns.</summary>
    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = 4096;
        }

        return console;
    }
}
