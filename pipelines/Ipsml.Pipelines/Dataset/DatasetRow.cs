using System.Globalization;
using System.Net;
using Ipsml.Features;

namespace Ipsml.Pipelines.Dataset;

/// <summary>
/// One row of a dataset split CSV: an address at one hour, its label, where the hour came from, and its raw
/// (unencoded) features. Vocabularies are fitted on these, so the files stay valid when the encoding changes.
/// </summary>
public sealed record DatasetRow(
    RawFeatures Features,
    string Group,
    bool Malicious,
    string HourSource,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    string Sources)
{
    public const string Header = "ip,group,label,hour,hour_source,first_seen,last_seen,sources,latitude,longitude,time_zone,country,asn";

    public const string HourFromRow = "row";
    public const string HourDrawn = "drawn";
    public const string HourUnknown = "unknown";

    public string ToCsv()
    {
        var f = Features;
        return string.Join(',',
            f.Address.ToString(),
            Group,
            Malicious ? "1" : "0",
            f.Hour?.ToString(CultureInfo.InvariantCulture) ?? "",
            HourSource,
            Observations.Observation.FormatTime(FirstSeen),
            Observations.Observation.FormatTime(LastSeen),
            Sources,
            f.Latitude?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            f.Longitude?.ToString("R", CultureInfo.InvariantCulture) ?? "",
            f.TimeZone ?? "",
            f.CountryCode ?? "",
            f.Asn?.ToString(CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>Parses one row; throws <see cref="FormatException"/> with the reason (the caller adds file and line).</summary>
    public static DatasetRow Parse(string line)
    {
        var c = line.Split(',');
        if (c.Length != 13)
        {
            throw new FormatException($"expected 13 columns ({Header}), found {c.Length}");
        }

        if (!IPAddress.TryParse(c[0], out var ip))
        {
            throw new FormatException($"'{c[0]}' is not an IP address");
        }

        var features = new RawFeatures(
            ip,
            c[3].Length == 0 ? null : int.Parse(c[3], CultureInfo.InvariantCulture),
            c[8].Length == 0 ? null : double.Parse(c[8], CultureInfo.InvariantCulture),
            c[9].Length == 0 ? null : double.Parse(c[9], CultureInfo.InvariantCulture),
            c[10].Length == 0 ? null : c[10],
            c[11].Length == 0 ? null : c[11],
            c[12].Length == 0 ? null : long.Parse(c[12], CultureInfo.InvariantCulture));
        var malicious = c[2] switch
        {
            "1" => true,
            "0" => false,
            _ => throw new FormatException($"label '{c[2]}' is not 0 or 1"),
        };
        return new DatasetRow(features, c[1], malicious, c[4], Observations.Observation.ParseTime(c[5]), Observations.Observation.ParseTime(c[6]), c[7]);
    }

    /// <summary>Reads a split file; a bad line throws <see cref="InvalidDataException"/> naming the file and line.</summary>
    public static List<DatasetRow> ReadAll(string path)
    {
        var rows = new List<DatasetRow>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNo++;
            if (lineNo == 1)
            {
                if (line != Header)
                {
                    throw new InvalidDataException($"{path}: line 1: header is not '{Header}'");
                }

                continue;
            }

            try
            {
                rows.Add(Parse(line));
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
            {
                throw new InvalidDataException($"{path}: line {lineNo}: {e.Message}", e);
            }
        }

        return rows;
    }

    public static void WriteAll(string path, IEnumerable<DatasetRow> rows)
    {
        using var w = new StreamWriter(path, false, new System.Text.UTF8Encoding(false));
        w.WriteLine(Header);
        foreach (var r in rows)
        {
            w.WriteLine(r.ToCsv());
        }
    }
}
