using Ipsml.Cli.Commands;
using Ipsml.Features.Inputs;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// What to read and how: the log format (the command-line name and the reader behind it), the reader options built
/// from the command's options, the remote-side rule and the inputs: files (none: stdin, held as "-"), or for the <c>lines</c>
/// format the connections given as arguments (one input named "argument").
/// </summary>
internal sealed record LogInput(string Format, string? ReaderFormat, IReadOnlyDictionary<string, string> Options, ConnectionSides Sides, IReadOnlyList<string> Files)
{
    /// <summary>The input name of connections given as arguments.</summary>
    public const string Arguments = "argument";

    /// <summary>Connections given on the command line (lines format only).</summary>
    public IReadOnlyList<string>? InlineLines { get; init; }

    /// <summary>
    /// A log whose header lacks <see cref="LabelColumn"/> fails (evaluate needs labels; score when --labels names a
    /// column); otherwise rows just have no label.
    /// </summary>
    public bool LabelsRequired { get; init; }

    /// <summary>ip[,hour] lines, as <c>ipsml score</c> has always read them.</summary>
    public const string Lines = "lines";

    /// <summary>Command-line format names and the feed readers behind them.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Formats = new Dictionary<string, string?>
    {
        [Lines] = null,
        ["zeek"] = "zeek-conn",
        ["zeek-json"] = "zeek-conn-json",
        ["binetflow"] = "binetflow",
        ["csv"] = "conn-csv",
    };

    public static string FormatNames => string.Join(", ", Formats.Keys);

    public bool IsLines => ReaderFormat is null;

    /// <summary>The column the reader takes labels from (its default when not given).</summary>
    public string? LabelColumn => Options.GetValueOrDefault("labels") ?? ReaderFormat switch
    {
        "zeek-conn" or "zeek-conn-json" => "label",
        "binetflow" => "Label",
        _ => null,
    };

    /// <summary>The input for <paramref name="files"/> (none: stdin).</summary>
    /// <exception cref="ArgumentException">A bad option value (the message names it).</exception>
    public static LogInput From(ILogSettings settings, IReadOnlyList<string> files)
    {
        if (!Formats.TryGetValue(settings.Format, out var readerFormat))
        {
            throw new ArgumentException($"--format: '{settings.Format}' is not one of {FormatNames}");
        }

        var sides = new ConnectionSides(settings.Local.Select(ConnectionSides.ParseNetwork));
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        if (readerFormat is not null)
        {
            var csv = readerFormat == "conn-csv";
            options["remote"] = settings.Remote;
            if (sides.LocalNetworks.Count > 0)
            {
                options["local"] = sides.ToString();
            }

            Put(options, "labels", settings.Labels);
            Put(options, "timezone", settings.TimeZone);
            if (csv)
            {
                Put(options, "time-column", settings.TimeColumn);
                Put(options, "ip-column", settings.IpColumn);
                Put(options, "ip-columns", settings.IpColumns);
                Put(options, "separator", settings.Separator);
                if (settings.IpColumn is not null)
                {
                    options.Remove("remote");
                }
            }

            FeedReaders.ValidateOptions(readerFormat, options);
        }

        if (readerFormat is null && files.Count > 0)
        {
            return new LogInput(settings.Format, null, options, sides, [Arguments]) { InlineLines = files };
        }

        return new LogInput(settings.Format, readerFormat, options, sides, files.Count == 0 ? ["-"] : files);
    }

    /// <summary>Null when the options fit together, else what is wrong (for a command's Validate).</summary>
    public static string? Check(ILogSettings settings)
    {
        if (!Formats.ContainsKey(settings.Format))
        {
            return $"--format: '{settings.Format}' is not one of {FormatNames}";
        }

        if (settings.Remote is not ("auto" or "orig" or "resp"))
        {
            return $"--remote: '{settings.Remote}' is not auto, orig or resp";
        }

        var csvOnly = settings.TimeColumn ?? settings.IpColumn ?? settings.IpColumns ?? settings.Separator;
        if (settings.Format != "csv" && csvOnly is not null)
        {
            return "--time-column, --ip-column, --ip-columns and --separator are for --format csv";
        }

        if (settings.Format == "csv" && (settings.IpColumn is null) == (settings.IpColumns is null))
        {
            return "--format csv needs --ip-column COLUMN (the remote address) or --ip-columns ORIG,RESP";
        }

        if (settings.Format == "csv" && settings.TimeColumn is null)
        {
            return "--format csv needs --time-column COLUMN: the hour of each connection is a feature";
        }

        if (settings.Threads < 0)
        {
            return "--threads must be 0 (one per core) or more";
        }

        try
        {
            From(settings, []);
        }
        catch (ArgumentException e)
        {
            return Describe(e);
        }

        return null;
    }

    /// <summary>An option error's message without .NET's "(Parameter 'x')" suffix.</summary>
    public static string Describe(ArgumentException e) =>
        e.ParamName is null ? e.Message : e.Message.Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal);

    private static void Put(Dictionary<string, string> options, string key, string? value)
    {
        if (value is not null)
        {
            options[key] = value;
        }
    }
}
