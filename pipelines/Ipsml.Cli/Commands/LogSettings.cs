using System.ComponentModel;
using Spectre.Console.Cli;

namespace Ipsml.Cli.Commands;

/// <summary>
/// Options of the commands that read connection logs with a published model (<c>score</c>, <c>evaluate FILE</c>):
/// how to find a log's columns and which end of a connection is remote. The log format and the label column mean
/// different things to each command, so each declares them (with its own default and description).
/// </summary>
public abstract class LogSettings : ModelSettings, ILogSettings
{
    public abstract string Format { get; init; }

    public abstract string? Labels { get; init; }

    [CommandOption("--local <CIDR>")]
    [Description("A local network (repeatable; private and other non-public ranges are always local). The remote end of a connection is the responder unless it is local and the originator is not.")]
    public string[] Local { get; init; } = [];

    [CommandOption("--remote <SIDE>")]
    [Description("Which end is remote: auto (the rule of --local), orig or resp.")]
    [DefaultValue("auto")]
    public string Remote { get; init; } = "auto";

    [CommandOption("--time-column <COLUMN>")]
    [Description("csv: the time column (name or 1-based number): epoch seconds or milliseconds, or ISO 8601.")]
    public string? TimeColumn { get; init; }

    [CommandOption("--ip-column <COLUMN>")]
    [Description("csv: the remote address column.")]
    public string? IpColumn { get; init; }

    [CommandOption("--ip-columns <ORIG,RESP>")]
    [Description("csv: the originator and responder address columns (the remote end by the --local rule).")]
    public string? IpColumns { get; init; }

    [CommandOption("--separator <CHAR>")]
    [Description("csv: the field separator (one character, or 'tab'; default ',').")]
    public string? Separator { get; init; }

    [CommandOption("--timezone <ZONE>")]
    [Description("Zone of times written without one (IANA id, default UTC).")]
    public string? TimeZone { get; init; }

    [CommandOption("--show-errors <N>")]
    [Description("Bad lines printed one by one on stderr (all are counted).")]
    [DefaultValue(1000)]
    public int ShowErrors { get; init; } = 1000;
}
