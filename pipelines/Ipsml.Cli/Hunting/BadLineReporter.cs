using Spectre.Console;

namespace Ipsml.Cli.Hunting;

/// <summary>Prints bad lines to stderr as "FILE line N: Reason: detail", the first <c>limit</c> of them; all are counted in <see cref="HuntTotals"/>.</summary>
internal sealed class BadLineReporter(IAnsiConsole error, IReadOnlyList<string> sources, int limit)
{
    public long Printed { get; private set; }

    public long Unprinted { get; private set; }

    public void Report(ConnectionBatch batch)
    {
        foreach (var bad in batch.Bad)
        {
            if (Printed >= limit)
            {
                Unprinted++;
                continue;
            }

            Printed++;
            error.MarkupLineInterpolated($"[red]{sources[bad.Source]} line {bad.Line}:[/] {bad.Reason}: {bad.Detail}");
        }
    }
}
