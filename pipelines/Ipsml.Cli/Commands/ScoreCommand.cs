using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Ipsml.Cli.Hunting;
using Ipsml.Cli.Infrastructure;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Score connections with a published model: ip[[,hour]] values (hour in UTC, default: the current hour), or connection logs (Zeek, Argus binetflow, CSV) ranked by probability.")]
public sealed class ScoreCommand(IpsmlConsoles consoles) : IpsmlCommand<ScoreCommand.Settings>(consoles)
{
    public const int BatchSize = 8192;

    public sealed class Settings : LogSettings
    {
        [CommandArgument(0, "[INPUT]")]
        [Description("--format lines: ip[[,hour]] values (none: one per line from stdin); other formats: log files, plain or gzip (none: the log from stdin).")]
        public string[] Connections { get; init; } = [];

        [CommandOption("-f|--format <FORMAT>")]
        [Description("Input format: lines (ip[[,hour]]), zeek (conn.log TSV), zeek-json, binetflow (Argus/CTU CSV) or csv (see --ip-column, --time-column).")]
        [DefaultValue(LogInput.Lines)]
        public override string Format { get; init; } = LogInput.Lines;

        [CommandOption("--output-format <FORMAT>")]
        [Description("text, csv or jsonl.")]
        [DefaultValue("text")]
        public string OutputFormat { get; init; } = "text";

        [CommandOption("--aggregate")]
        [Description("One row per remote address (connections, first/last seen, max and mean probability) instead of one per connection.")]
        public bool Aggregate { get; init; }

        [CommandOption("--top <N>")]
        [Description("Print only the N highest-scoring rows.")]
        public int? Top { get; init; }

        [CommandOption("--threshold <P>")]
        [Description("Print only rows whose probability (per address: the highest) is at least P (0..1).")]
        public double? Threshold { get; init; }

        [CommandOption("--labels <COLUMN>")]
        [Description("Column holding the log's own label, shown beside each connection (zeek: label, binetflow: Label).")]
        public override string? Labels { get; init; }

        /// <summary>Ranking options (and --local, which skips local addresses) turn ip[[,hour]] lines into a ranked hunt too.</summary>
        public bool Hunting => Format != LogInput.Lines || Aggregate || Top is not null || Threshold is not null || Local.Length > 0;

        public override ValidationResult Validate()
        {
            if (OutputFormat is not ("text" or "csv" or "jsonl"))
            {
                return ValidationResult.Error($"--output-format: '{OutputFormat}' is not text, csv or jsonl");
            }

            if (Top is < 1)
            {
                return ValidationResult.Error("--top must be 1 or more");
            }

            if (Threshold is < 0 or > 1 || (Threshold is { } t && double.IsNaN(t)))
            {
                return ValidationResult.Error("--threshold must be a probability, 0..1");
            }

            if (ShowErrors < 0)
            {
                return ValidationResult.Error("--show-errors must be 0 or more");
            }

            return LogInput.Check(this) is { } problem ? ValidationResult.Error(problem) : base.Validate();
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var modelDir = settings.Model ?? LatestModel.Dir(layout, settings.Name);
        using var geo = GeoFactory.Open(settings, layout, log, cancellationToken);
        using var scorer = new ConnectionScorer(ModelArtifact.Load(modelDir), geo, settings.AllowGeoMismatch);
        if (scorer.GeoMismatch is { } mismatch)
        {
            log.Warn(mismatch);
        }

        if (settings.Hunting)
        {
            var options = new HuntOptions(settings.Aggregate, settings.Top, settings.Threshold, settings.OutputFormat, settings.Threads, settings.ShowErrors);
            var input = LogInput.From(settings, settings.Connections) with { LabelsRequired = settings.Labels is not null };
            return new LogScoring(Consoles, log).Run(input, options, scorer, geo, cancellationToken);
        }

        var (text, where) = settings.Connections.Length > 0
            ? (new StringReader(string.Join('\n', settings.Connections)), LogInput.Arguments)
            : (Consoles.In, "stdin");
        var writer = Consoles.Out.Profile.Out.Writer;
        var output = new ScoreWriter(writer, settings.OutputFormat, scorer.Artifact.Manifest);
        output.Begin();
        long scored = 0, rejected = 0;
        var batch = new List<Connection>(BatchSize);
        foreach (var item in IpHourLine.Read(text, DateTime.UtcNow.Hour))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (item.IsBad)
            {
                rejected++;
                Consoles.Error.MarkupLineInterpolated($"[red]{where} line {item.Line}:[/] {item.Reason}: {item.Detail}");
                continue;
            }

            if (item.Connection is not { } connection)
            {
                continue;
            }

            batch.Add(connection);
            if (batch.Count == BatchSize)
            {
                scored += Flush(scorer, batch, output);
            }
        }

        scored += Flush(scorer, batch, output);
        writer.Flush();
        log.Info($"model {scorer.Artifact.Manifest.Name} {scorer.Artifact.Manifest.Version}, threshold {ProbabilityFormat.Exact(scorer.Threshold)}: a probability at or above it is labelled malicious");
        if (rejected > 0)
        {
            Consoles.Error.MarkupLineInterpolated($"[yellow]{scored:N0} scored, {rejected:N0} rejected[/]");
            return ExitCodes.SomeLinesRejected;
        }

        return ExitCodes.Success;
    }

    private static long Flush(ConnectionScorer scorer, List<Connection> batch, ScoreWriter output)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        foreach (var score in scorer.Score(batch))
        {
            output.Write(score);
        }

        var n = batch.Count;
        batch.Clear();
        return n;
    }

    /// <summary>Writes scores as text, CSV or JSON lines.</summary>
    private sealed class ScoreWriter(TextWriter writer, string format, ArtifactManifest manifest)
    {
        private readonly ProbabilityFormat probabilities = new(manifest.Threshold);

        public void Begin()
        {
            if (format == "csv")
            {
                writer.WriteLine("ip,hour,probability,label,model,version");
            }
        }

        public void Write(ConnectionScore s)
        {
            var ip = s.Features.Address.ToString();
            var hour = s.Features.Hour ?? -1;
            var label = s.Malicious ? "malicious" : "benign";
            switch (format)
            {
                case "csv":
                    writer.WriteLine($"{ip},{hour},{ProbabilityFormat.Exact(s.Probability)},{label},{manifest.Name},{manifest.Version}");
                    break;
                case "jsonl":
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        ip,
                        hour,
                        probability = s.Probability,
                        label,
                        model = manifest.Name,
                        version = manifest.Version,
                    }));
                    break;
                default:
                    writer.WriteLine($"{ip,-39} hour {hour,2}  p={probabilities.Text(s.Probability).PadRight(probabilities.Width)}  {label,-9}  {manifest.Name} {manifest.Version}");
                    break;
            }
        }
    }
}
