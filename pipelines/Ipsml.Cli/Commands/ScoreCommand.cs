using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Ipsml.Cli.Infrastructure;
using Ipsml.Features.Net;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

[Description("Score connections (ip[[,hour]], hour in UTC, default: the current hour) with a published model.")]
public sealed class ScoreCommand(IpsmlConsoles consoles) : IpsmlCommand<ScoreCommand.Settings>(consoles)
{
    public const int BatchSize = 8192;

    public sealed class Settings : OutputSettings, IGeoSettings
    {
        [CommandArgument(0, "[CONNECTIONS]")]
        [Description("ip[[,hour]] values; none: read one per line from stdin.")]
        public string[] Connections { get; init; } = [];

        [CommandOption("-m|--model <DIR>")]
        [Description("Model artifact folder (default: the latest published version of --name under --output).")]
        public string? Model { get; init; }

        [CommandOption("--name <NAME>")]
        [Description("Model name to look up under OUTPUT/models when --model is not given.")]
        [DefaultValue("ipsml")]
        public string Name { get; init; } = "ipsml";

        [CommandOption("--output-format <FORMAT>")]
        [Description("text, csv or jsonl.")]
        [DefaultValue("text")]
        public string OutputFormat { get; init; } = "text";

        [CommandOption("--geo-dir <DIR>")]
        [Description("Folder with the geo databases the model was trained with (default: as for 'dataset').")]
        public string? GeoDir { get; init; }

        [CommandOption("--allow-geo-mismatch")]
        [Description("Score even when the geo databases differ from the model's (features will differ).")]
        public bool AllowGeoMismatch { get; init; }

        public override ValidationResult Validate()
        {
            if (OutputFormat is not ("text" or "csv" or "jsonl"))
            {
                return ValidationResult.Error($"--output-format: '{OutputFormat}' is not text, csv or jsonl");
            }

            return base.Validate();
        }
    }

    protected override int Run(Settings settings, RunLayout layout, ConsolePipelineLog log, CancellationToken cancellationToken)
    {
        var modelDir = settings.Model ?? LatestModel(layout, settings.Name);
        using var geo = GeoFactory.Open(settings, layout, log, cancellationToken);
        using var scorer = new ConnectionScorer(ModelArtifact.Load(modelDir), geo, settings.AllowGeoMismatch);
        if (scorer.GeoMismatch is { } mismatch)
        {
            log.Warn(mismatch);
        }

        var hourNow = DateTime.UtcNow.Hour;
        var lines = settings.Connections.Length > 0
            ? settings.Connections.Select((v, i) => (Line: (long)i + 1, Text: v, Where: "argument"))
            : ReadLines(Consoles.In).Select(t => (t.Line, t.Text, Where: "stdin"));
        var writer = Consoles.Out.Profile.Out.Writer;
        var output = new ScoreWriter(writer, settings.OutputFormat, scorer.Artifact.Manifest);
        output.Begin();
        long scored = 0, rejected = 0;
        var batch = new List<Connection>(BatchSize);
        foreach (var (line, text, where) in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            if (!TryParse(text, hourNow, out var connection, out var reason))
            {
                rejected++;
                Consoles.Error.MarkupLineInterpolated($"[red]{where} line {line}:[/] '{text}': {reason}");
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

    /// <summary>"ip" or "ip,hour" (hour 0..23, UTC); surrounding spaces allowed.</summary>
    internal static bool TryParse(string text, int defaultHour, out Connection connection, out string reason)
    {
        connection = default;
        var parts = text.Split(',');
        if (parts.Length > 2)
        {
            reason = "expected ip[,hour]";
            return false;
        }

        if (!IpParsing.TryParseAddress(parts[0].Trim(), out var ip))
        {
            reason = $"'{parts[0].Trim()}' is not an IP address";
            return false;
        }

        var hour = defaultHour;
        if (parts.Length == 2 && (!int.TryParse(parts[1].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out hour) || hour > 23))
        {
            reason = $"hour '{parts[1].Trim()}' is not a whole number 0..23";
            return false;
        }

        connection = new Connection(IpParsing.Normalize(ip), hour);
        reason = "";
        return true;
    }

    private static IEnumerable<(long Line, string Text)> ReadLines(TextReader reader)
    {
        long n = 0;
        while (reader.ReadLine() is { } line)
        {
            yield return (++n, line.Trim());
        }
    }

    internal static string LatestModel(RunLayout layout, string name)
    {
        var pointer = layout.LatestModelPointer(name);
        if (!File.Exists(pointer))
        {
            throw new ArtifactException($"{pointer}: no published '{name}' model under {layout.Root}; run the pipeline first or pass --model DIR");
        }

        return layout.ModelVersionDir(name, File.ReadAllText(pointer).Trim());
    }

    /// <summary>Writes scores as text, CSV or JSON lines.</summary>
    private sealed class ScoreWriter(TextWriter writer, string format, ArtifactManifest manifest)
    {
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
            var p = s.Probability.ToString("F4", CultureInfo.InvariantCulture);
            var label = s.Malicious ? "malicious" : "benign";
            switch (format)
            {
                case "csv":
                    writer.WriteLine($"{ip},{hour},{p},{label},{manifest.Name},{manifest.Version}");
                    break;
                case "jsonl":
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        ip,
                        hour,
                        probability = Math.Round(s.Probability, 6),
                        label,
                        model = manifest.Name,
                        version = manifest.Version,
                    }));
                    break;
                default:
                    writer.WriteLine($"{ip,-39} hour {hour,2}  p={p}  {label,-9}  {manifest.Name} {manifest.Version}");
                    break;
            }
        }
    }
}
