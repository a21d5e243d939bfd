using System.ComponentModel;
using Ipsml.Cli.Hunting;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Experiments;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Evaluate every trained candidate: threshold on validation, metrics on the held-out test split. With FILE: evaluate a published model on a labelled connection log instead.")]
public sealed class EvaluateCommand(IpsmlConsoles consoles) : IpsmlCommand<EvaluateCommand.Settings>(consoles)
{
    public sealed class Settings : LogSettings, IStageSettings
    {
        [CommandArgument(0, "[FILE]")]
        [Description("Labelled connection log(s), plain or gzip; the model and log options apply only with FILE. None: run the pipeline's evaluate stage.")]
        public string[] Files { get; init; } = [];

        [CommandOption("--run <ID>")]
        [Description("Run id (default: the newest run, OUTPUT/runs/LATEST).")]
        public string? Run { get; init; }

        [CommandOption("--force")]
        [Description("Run the stage even when an output with the same inputs exists.")]
        public bool Force { get; init; }

        [CommandOption("-f|--format <FORMAT>")]
        [Description("With FILE: zeek, zeek-json, binetflow or csv.")]
        [DefaultValue("zeek")]
        public override string Format { get; init; } = "zeek";

        [CommandOption("--labels <COLUMN>")]
        [Description("With FILE: the label column (default: label for zeek, Label for binetflow). Malicious/Botnet = malicious, Benign/Normal = benign, others unlabelled.")]
        public override string? Labels { get; init; }

        [CommandOption("--output-format <FORMAT>")]
        [Description("With FILE: text or json.")]
        [DefaultValue("text")]
        public string OutputFormat { get; init; } = "text";

        public override ValidationResult Validate()
        {
            if (Files.Length == 0)
            {
                return Model is not null || Labels is not null || Local.Length > 0 || OutputFormat != "text"
                    ? ValidationResult.Error("--model, --labels, --local and --output-format evaluate a log: give the log FILE")
                    : base.Validate();
            }

            if (Format == LogInput.Lines)
            {
                return ValidationResult.Error("--format lines has no labels; evaluate reads zeek, zeek-json, binetflow or csv logs");
            }

            if (OutputFormat is not ("text" or "json"))
            {
                return ValidationResult.Error($"--output-format: '{OutputFormat}' is not text or json");
            }

            if (Format == "csv" && Labels is null)
            {
                return ValidationResult.Error("--format csv needs --labels COLUMN");
            }

            return LogInput.Check(this) is { } problem ? ValidationResult.Error(problem) : base.Validate();
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        if (settings.Files.Length == 0)
        {
            return new Stage(Consoles).Run(settings, layout, log, cancellationToken);
        }

        var input = LogInput.From(settings, settings.Files) with { LabelsRequired = true };
        LogScoring.RequireFiles(input);
        using var geo = GeoFactory.Open(settings, layout, log, cancellationToken);
        using var scorer = new ConnectionScorer(ModelArtifact.Load(settings.Model ?? LatestModel.Dir(layout, settings.Name)), geo, settings.AllowGeoMismatch);
        if (scorer.GeoMismatch is { } mismatch)
        {
            log.Warn(mismatch);
        }

        var reporter = new BadLineReporter(Consoles.Error, [.. input.Files.Select(ConnectionSource.NameOf)], settings.ShowErrors);
        var result = new LogEvaluation(scorer, settings.Threads).Run(input, Consoles.In, reporter, cancellationToken);
        if (result.Scored + result.Skipped > 0 && result.Labels.All(l => l.Label is null))
        {
            // Formats without a header (zeek-json) cannot say up front that the column is missing.
            throw new InvalidDataException($"{string.Join(", ", result.Files)}: no row has a value in the label column '{input.LabelColumn}' (--labels): nothing to evaluate against");
        }

        LogEvaluationReport.Write(Consoles.Out.Profile.Out.Writer, result, settings.OutputFormat);
        if (result.BadLines > 0)
        {
            Consoles.Error.MarkupLineInterpolated($"[yellow]{result.Scored:N0} scored, {result.BadLines:N0} bad lines[/]");
            return ExitCodes.SomeLinesRejected;
        }

        return ExitCodes.Success;
    }

    /// <summary>The pipeline's evaluate stage, run as every stage command runs (no FILE).</summary>
    private sealed class Stage(IpsmlConsoles consoles) : StageCommand<Settings>(consoles)
    {
        protected override string StageName => StageNames.Evaluate;

        public new int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken) =>
            base.Run(settings, layout, log, cancellationToken);

        protected override StageOutcome RunStage(Settings settings, RunLayout layout, ConsolePipelineLog log, RunRecord run, Experiment experiment, CancellationToken cancellationToken) =>
            new EvaluateStage(layout, log).Run(
                RunStore.UpstreamKey(run, StageNames.Dataset),
                RunStore.UpstreamKey(run, StageNames.Train),
                experiment.Bind<EvaluateOptions>("evaluate"),
                settings.Force,
                cancellationToken).Outcome;
    }
}
