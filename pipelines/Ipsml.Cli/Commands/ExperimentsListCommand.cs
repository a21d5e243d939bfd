using System.ComponentModel;
using System.Globalization;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Report;
using Ipsml.Pipelines.Runs;
using Spectre.Console;
using Spectre.Console.Cli;
using Spectre.Console.Rendering;

namespace Ipsml.Cli.Commands;

[Description("List the runs in OUTPUT/runs: experiment, time, code version, winner and its metric, published version.")]
public sealed class ExperimentsListCommand(IpsmlConsoles consoles) : IpsmlCommand<ExperimentsListCommand.Settings>(consoles)
{
    public sealed class Settings : OutputSettings
    {
        [CommandOption("--output-format <FORMAT>")]
        [Description("table or csv.")]
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
        var runs = RunOverview.List(layout);
        if (settings.OutputFormat == ExperimentsOutput.Csv)
        {
            ExperimentsOutput.WriteCsv(Consoles.Out, [
                ["id", "experiment", "created", "git_commit", "stages", "winner", "metric", "value", "published_name", "published_version"],
                .. runs.Select(r => (IReadOnlyList<string>)[
                    r.Id, r.Experiment, r.Created.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), r.GitCommit ?? "", string.Join(' ', r.Stages),
                    r.Winner ?? "", r.Metric ?? "", r.MetricValue is { } v ? ExperimentsOutput.Exact(v) : "", r.Published?.Name ?? "", r.Published?.Version ?? ""]),
            ]);
            return ExitCodes.Success;
        }

        if (runs.Count == 0)
        {
            Consoles.Error.MarkupLineInterpolated($"No runs under {layout.RunsDir}.");
            return ExitCodes.Success;
        }

        var table = new Table()
            .AddColumn(ExperimentsOutput.Text("run").NoWrap())
            .AddColumn(ExperimentsOutput.Text("experiment"))
            .AddColumn(ExperimentsOutput.Text("created (UTC)"))
            .AddColumn(ExperimentsOutput.Text("git commit"))
            .AddColumn(ExperimentsOutput.Text("last stage"))
            .AddColumn(ExperimentsOutput.Text("winner"))
            .AddColumn(ExperimentsOutput.Text("metric"))
            .AddColumn(ExperimentsOutput.Number("value"))
            .AddColumn(ExperimentsOutput.Text("published"));
        foreach (var r in runs)
        {
            table.AddRow(new IRenderable[]
            {
                new Text(r.Id),
                new Text(r.Experiment),
                new Text(r.Created.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)),
                new Text(ShortCommit(r.GitCommit)),
                new Text(r.Stages.LastOrDefault() ?? "—"),
                new Text(r.Winner ?? "—"),
                new Text(r.Metric ?? "—"),
                new Text(r.MetricValue is { } v ? Format.P(v, 4) : "—"),
                new Text(r.Published is { } p ? $"{p.Name} {p.Version}" : "—"),
            });
        }

        ExperimentsOutput.Write(Consoles.Out, table);
        return ExitCodes.Success;
    }

    /// <summary>The first 10 hex digits, keeping a "+dirty" mark.</summary>
    private static string ShortCommit(string? commit) => commit switch
    {
        null => "outside git",
        _ when commit.Length > 10 => commit[..10] + (commit.EndsWith("+dirty", StringComparison.Ordinal) ? "+dirty" : ""),
        _ => commit,
    };
}
