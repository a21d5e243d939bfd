using Spectre.Console;

namespace Ipsml.Cli.Infrastructure;

/// <summary>Results go to <see cref="Out"/> (stdout); diagnostics, progress and errors to <see cref="Error"/> (stderr).</summary>
public sealed record IpsmlConsoles(IAnsiConsole Out, IAnsiConsole Error, TextReader In, bool InputRedirected)
{
    public static IpsmlConsoles FromProcess() => new(
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) }),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Error) }),
        System.Console.In,
        System.Console.IsInputRedirected);
}
