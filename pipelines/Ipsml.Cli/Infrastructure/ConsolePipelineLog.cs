using System.Diagnostics;
using Ipsml.Pipelines.Runs;
using Spectre.Console;

namespace Ipsml.Cli.Infrastructure;

/// <summary>
/// Renders stage progress on stderr: live progress bars when stderr is an interactive terminal, otherwise plain,
/// quiet lines (one per finished step) fit for CI logs.
/// </summary>
public sealed class ConsolePipelineLog(IAnsiConsole console, Verbosity verbosity) : IPipelineLog
{
    private ProgressContext? progress;

    public Verbosity Level => verbosity;

    public bool Interactive => console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi;

    public void Info(string message)
    {
        if (verbosity >= Verbosity.Normal)
        {
            console.MarkupLineInterpolated($"[grey]{message}[/]");
        }
    }

    /// <summary>Shown from detailed verbosity up (e.g. which geo database files were opened).</summary>
    public void Detail(string message)
    {
        if (verbosity >= Verbosity.Detailed)
        {
            console.MarkupLineInterpolated($"[grey]{message}[/]");
        }
    }

    public void Warn(string message)
    {
        if (verbosity >= Verbosity.Minimal)
        {
            console.MarkupLineInterpolated($"[yellow]warning:[/] {message}");
        }
    }

    public IProgressStep Step(string description, double total)
    {
        if (progress is not null)
        {
            return new BarStep(progress.AddTask(Markup.Escape(description), maxValue: Math.Max(total, 1)));
        }

        return new LineStep(this, description);
    }

    /// <summary>Runs <paramref name="body"/> with live progress bars when the terminal allows it.</summary>
    public T WithProgress<T>(Func<T> body)
    {
        if (!Interactive || verbosity < Verbosity.Normal)
        {
            return body();
        }

        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                progress = ctx;
                try
                {
                    return body();
                }
                finally
                {
                    progress = null;
                }
            });
    }

    private sealed class BarStep(ProgressTask task) : IProgressStep
    {
        public void Advance(double amount = 1) => task.Increment(amount);

        public void Dispose() => task.Value = task.MaxValue;
    }

    private sealed class LineStep(ConsolePipelineLog log, string description) : IProgressStep
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();

        public void Advance(double amount = 1)
        {
        }

        public void Dispose()
        {
            if (log.Level >= Verbosity.Detailed)
            {
                log.Info($"{description}: done in {clock.Elapsed.TotalSeconds:F1} s");
            }
        }
    }
}
