using Ipsml.Cli;
using Ipsml.Cli.Infrastructure;
using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Ipsml.Pipelines.Tests.EndToEnd;

/// <summary>Runs ipsml commands in-process through Spectre's command-app tester, capturing stdout and stderr.</summary>
public static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result RunWithInput(string? stdin, params string[] args) => Run(stdin, 4096, args);

    /// <summary>As <see cref="Run(string[])"/>, with stdout <paramref name="width"/> columns wide (a terminal's width).</summary>
    public static Result RunWithWidth(int width, params string[] args) => Run(null, width, args);

    private static Result Run(string? stdin, int width, string[] args)
    {
        var output = new TestConsole { Profile = { Width = width } };
        var error = new TestConsole { Profile = { Width = 4096 } };
        var consoles = new IpsmlConsoles(output, error, new StringReader(stdin ?? ""), stdin is not null);
        var tester = new CommandAppTester();
        tester.Configure(config => IpsmlApp.Configure(config, consoles));
        var result = tester.Run(args);
        return new Result(result.ExitCode, output.Output, error.Output);
    }

    public static Result Run(params string[] args) => RunWithInput(null, args);

    /// <summary>Runs a command with a token that is already cancelled, as after Ctrl+C.</summary>
    public static Result RunCancelled(params string[] args)
    {
        var output = new TestConsole { Profile = { Width = 4096 } };
        var error = new TestConsole { Profile = { Width = 4096 } };
        var consoles = new IpsmlConsoles(output, error, new StringReader(""), false);
        var tester = new CommandAppTester();
        tester.Configure(config => IpsmlApp.Configure(config, consoles));
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var result = tester.RunAsync(args, cancelled.Token).GetAwaiter().GetResult();
        return new Result(result.ExitCode, output.Output, error.Output);
    }
}
