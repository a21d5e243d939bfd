namespace Ipsml.Pipelines.Runs;

/// <summary>
/// Where stages report progress and diagnostics. Stages print nothing themselves; the CLI renders this with
/// progress bars on a terminal and as plain lines elsewhere; tests record it.
/// </summary>
public interface IPipelineLog
{
    void Info(string message);

    void Warn(string message);

    /// <summary>Starts a unit of work of <paramref name="total"/> steps; advance it, dispose it when done.</summary>
    IProgressStep Step(string description, double total);
}

public interface IProgressStep : IDisposable
{
    void Advance(double amount = 1);
}

/// <summary>A log that keeps messages in memory (tests) and ignores progress.</summary>
public sealed class MemoryLog : IPipelineLog
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    public void Info(string message)
    {
        lock (lines)
        {
            lines.Add(message);
        }
    }

    public void Warn(string message)
    {
        lock (lines)
        {
            lines.Add("warning: " + message);
        }
    }

    public IProgressStep Step(string description, double total) => new NoStep();

    private sealed class NoStep : IProgressStep
    {
        public void Advance(double amount = 1)
        {
        }

        public void Dispose()
        {
        }
    }
}
