using System.ComponentModel;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace Ipsml.Cli.Commands;

[Description("Compare two runs: every shared candidate's quality metrics and cost from each run's metrics.json, with B − A.")]
public sealed class ExperimentsCompareCommand(IpsmlConsoles consoles) : IpsmlCommand<ExperimentsCompareCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandArgument(0, "<A>")]
        [Description("Run id of the baseline (\"latest\" for the newest run).")]
        public string RunA { get; init; } = "";

        [CommandArgument(1, "<B>")]
        [Description("Run id compared with it.")]
        public string RunB { get; init; } = "";

        [CommandOption("--output-format <FORMAT>")]
        [Description("table (rounded) or csv (every value exactly as in metrics.json).")]
        [DefaultValue(ExperimentsOutput.Table)]
        public string OutputFormat { get; init; } = ExperimentsOutput.Table;

        public override ValidationResult Validate()
        {
            var format = ExperimentsOutput.ValidateFormat(OutputFormat);
            return format.Successful ? base.Validate() : format;
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var comparison = RunComparison.Load(layout, settings.RunA, settings.RunB);
        var notShared = new[] { (comparison.OnlyInA, comparison.RunA), (comparison.OnlyInB, comparison.RunB) }
            .Where(x => x.Item1.Count > 0)
            .Select(x => $"Only in {x.Item2}: {string.Join(", ", x.Item1)}.")
            .ToList();
        if (comparison.Rows.Count == 0)
        {
            Consoles.Error.MarkupLineInterpolated($"[red]Error:[/] runs {comparison.RunA} and {comparison.RunB} share no candidate");
            return ExitCodes.Failed;
        }

        if (settings.OutputFormat == ExperimentsOutput.Csv)
        {
            notShared.ForEach(log.Info);
            ExperimentsOutput.WriteCsv(Consoles.Out, [
                ["split", "candidate", "metric", comparison.RunA, comparison.RunB, "delta"],
                .. comparison.Rows.Select(r => (IReadOnlyList<string>)[r.Scheme, r.Candidate, r.Metric, ExperimentsOutput.Exact(r.A), ExperimentsOutput.Exact(r.B), ExperimentsOutput.Exact(r.Delta)]),
            ]);
            return ExitCodes.Success;
        }

        foreach (var scheme in comparison.Rows.Select(r => r.Scheme).Distinct())
        {
            var table = new Table()
                .AddColumn(ExperimentsOutput.Text("candidate"))
                .AddColumn(ExperimentsOutput.Text("metric"))
                .AddColumn(ExperimentsOutput.Number($"A {comparison.RunA}"))
                .AddColumn(ExperimentsOutput.Number($"B {comparison.RunB}"))
                .AddColumn(ExperimentsOutput.Number("B − A"));
            string? previous = null;
            foreach (var r in comparison.Rows.Where(r => r.Scheme == scheme))
            {
                table.AddRow(new IRenderable[]
                {
                    new Text(r.Candidate == previous ? "" : r.Candidate),
                    new Text(r.Metric),
                    new Text(r.Format(r.A)),
                    new Text(r.Format(r.B)),
                    new Text(r.Format(r.Delta, signed: true)),
                });
                previous = r.Candidate;
            }

            ExperimentsOutput.Write(Consoles.Out, table, scheme == SplitSchemes.Group ? "Test split (group split by /24)" : "Temporal holdout (trained on older, tested on newer observations)");
        }

        notShared.ForEach(Consoles.Out.WriteLine);

        return ExitCodes.Success;
    }
}
