using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

/// <summary>
/// Turns a command's work into an exit code: errors are printed to stderr as "Error: …" with the file, line and
/// reason the failing code gave, and return <see cref="ExitCodes.Failed"/>; cancellation returns <see cref="ExitCodes.Cancelled"/>.
/// </summary>
public abstract class IpsmlCommand<TSettings>(IpsmlConsoles consoles) : Command<TSettings>
    where TSettings : OutputSettings
{
    protected IpsmlConsoles Consoles => consoles;

    public sealed override int Execute(CommandContext context, TSettings settings, CancellationToken cancellationToken)
    {
        var log = new ConsolePipelineLog(consoles.Error, settings.Verbosity);
        try
        {
            var layout = new RunLayout(settings.Output, settings.CacheDir);
            return Run(settings, layout, log, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException || (cancellationToken.IsCancellationRequested && e is AggregateException or IOException))
        {
            consoles.Error.MarkupLine("[yellow]Cancelled.[/] Earlier outputs are unchanged.");
            return ExitCodes.Cancelled;
        }
        catch (Exception e)
        {
            consoles.Error.MarkupLineInterpolated($"[red]Error:[/] {e.Message}");
            if (settings.Verbosity >= Verbosity.Diagnostic)
            {
                consoles.Error.WriteException(e);
            }

            return ExitCodes.Failed;
        }
    }

    protected abstract int Run(TSettings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken);
}
