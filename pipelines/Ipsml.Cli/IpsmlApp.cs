using Ipsml.Cli.Commands;
using Ipsml.Cli.Infrastructure;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Ipsml.Cli;

/// <summary>Registers the commands; Program.cs and the CLI tests share it.</summary>
public static class IpsmlApp
{
    public static void Configure(IConfigurator config, IpsmlConsoles consoles)
    {
        config.SetApplicationName("ipsml");
        config.ConfigureConsole(consoles.Out);
        config.Settings.Registrar.RegisterInstance(consoles);
        config.SetExceptionHandler((e, _) =>
        {
            consoles.Error.MarkupLineInterpolated($"[red]Error:[/] {UsageMessage(e)}");
            return ExitCodes.Usage;
        });
        config.ValidateExamples();

        // An unknown option is an error (exit 2), not silently dropped with the value after it.
        config.UseStrictParsing();

        config.AddCommand<FetchCommand>("fetch")
            .WithExample("fetch", "--snapshot", "../shared/data")
            .WithExample("fetch", "--experiment", "experiments/quick.json", "--output", "artifacts");
        config.AddCommand<ObservationsCommand>("observations").WithExample("observations");
        config.AddCommand<DatasetCommand>("dataset").WithExample("dataset", "--geo-dir", "/usr/share/GeoIP");
        config.AddCommand<TrainCommand>("train").WithExample("train");
        config.AddCommand<EvaluateCommand>("evaluate")
            .WithExample("evaluate")
            .WithExample("evaluate", "--format", "zeek", "--labels", "label", "conn.log.labeled");
        config.AddCommand<GateCommand>("gate").WithExample("gate", "--run", "20260101-120000-default");
        config.AddCommand<ReportCommand>("report").WithExample("report", "--print");
        config.AddCommand<PublishCommand>("publish").WithExample("publish");
        config.AddBranch("experiments", experiments =>
        {
            experiments.SetDescription("Look across runs: list them, compare two.");
            experiments.AddCommand<ExperimentsListCommand>("list").WithExample("experiments", "list");
            experiments.AddCommand<ExperimentsCompareCommand>("compare")
                .WithExample("experiments", "compare", "20261203-172247-quick", "latest")
                .WithExample("experiments", "compare", "run-a", "run-b", "--output-format", "csv");
        });
        config.AddCommand<ScoreCommand>("score")
            .WithExample("score", "122.2.223.242,6", "141.142.164.33")
            .WithExample("score", "--model", "artifacts/models/ipsml/1.0.1", "--output-format", "jsonl", "8.8.8.8,13")
            .WithExample("score", "--format", "zeek", "--top", "20", "conn.log.gz")
            .WithExample("score", "--format", "zeek", "--aggregate", "--local", "147.32.0.0/16", "--output-format", "csv", "conn.log")
            .WithExample("score", "--format", "csv", "--ip-columns", "src,dst", "--time-column", "time", "--threshold", "0.9", "flows.csv");
        config.AddCommand<BenchCommand>("bench")
            .WithExample("bench")
            .WithExample("bench", "--lines", "10000000", "--log", "repeated");
    }

    /// <summary>
    /// Spectre's parse error, with a hint where its own words mislead: a lone "-" is read as an option without a
    /// name, so it cannot stand for stdin; no input file means stdin.
    /// </summary>
    private static string UsageMessage(Exception e) => e is CommandParseException && e.Message == "Option does not have a name."
        ? "a lone '-' is not an option, nor a file name here: to read stdin, give no input file"
        : e.Message;

    public static int Run(string[] args, IpsmlConsoles consoles, CancellationToken cancellationToken)
    {
        var app = new CommandApp();
        app.Configure(config => Configure(config, consoles));
        var code = app.Run(args, cancellationToken);
        return code < 0 ? ExitCodes.Usage : code;
    }
}
