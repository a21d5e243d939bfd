namespace Ipsml.Cli.Commands;

/// <summary>
/// The options of the commands that read connection logs with a published model (<c>score</c>, <c>evaluate FILE</c>):
/// which model, which log format, how to find its columns and which end of a connection is remote.
/// </summary>
public interface ILogSettings : IGeoSettings
{
    /// <summary>Model artifact folder; null: the latest published version of <see cref="Name"/>.</summary>
    string? Model { get; }

    string Name { get; }

    /// <summary>lines, zeek, zeek-json, binetflow or csv.</summary>
    string Format { get; }

    /// <summary>Local networks (CIDR), besides the non-public ranges.</summary>
    string[] Local { get; }

    /// <summary>auto (default), orig or resp.</summary>
    string Remote { get; }

    /// <summary>The label column (evaluate; score shows it).</summary>
    string? Labels { get; }

    /// <summary>csv: the time column (name or 1-based number).</summary>
    string? TimeColumn { get; }

    /// <summary>csv: the remote address column.</summary>
    string? IpColumn { get; }

    /// <summary>csv: ORIG,RESP address columns.</summary>
    string? IpColumns { get; }

    /// <summary>csv: the field separator.</summary>
    string? Separator { get; }

    /// <summary>Zone of zone-less times (IANA id); UTC by default.</summary>
    string? TimeZone { get; }

    /// <summary>Scoring threads; 0 = one per core.</summary>
    int Threads { get; }

    /// <summary>How many bad lines to print one by one (all are counted).</summary>
    int ShowErrors { get; }
}
