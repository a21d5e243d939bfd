using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// Writes ranked connections or remote addresses as a text table, CSV or JSON lines. Every row carries the model's
/// version (text: the version; CSV and JSON: name and version), the connection's features and the features that drove its score (<see cref="ScoreExplainer"/>,
/// computed here, for printed rows only, a chunk at a time).
/// </summary>
internal sealed class HuntWriter(TextWriter writer, string format, ArtifactManifest manifest, ScoreExplainer explainer, IReadOnlyList<string> sources)
{
    private const int Chunk = 512;
    private const int TextDrivers = 2;

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    private readonly ProbabilityFormat probabilities = new(manifest.Threshold);

    public long Written { get; private set; }

    public void WriteConnections(IEnumerable<ScoredRow> rows)
    {
        Header(
            "rank,probability,label,remote,local,hour,time,country,asn,as_org,time_zone,latitude,longitude,drivers,file,line,log_label,model,version",
            $"{"rank",5}  {"p".PadRight(probabilities.Width)}  {"label",-9}  {"remote",-15}  {"local",-15}  {"hr",2}  {"time (UTC)",-19}  {"cc",-2}  {"asn",-26}  {"drivers",-44}  {"source",-22}  {"log label",-10}  model");
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var explained = explainer.Explain([.. chunk.Select(r => new Connection(r.Remote, r.Hour))]);
            for (var i = 0; i < chunk.Length; i++)
            {
                WriteConnection(++Written, chunk[i], explained[i]);
            }
        }

        writer.Flush();
    }

    public void WriteRemotes(IEnumerable<RemoteStats> rows)
    {
        Header(
            "rank,max_probability,mean_probability,label,remote,connections,locals,first_seen,last_seen,hour_at_max,country,asn,as_org,time_zone,latitude,longitude,drivers,file,line_at_max,model,version",
            $"{"rank",5}  {"max p".PadRight(probabilities.Width)}  {"mean p".PadRight(probabilities.Width)}  {"label",-9}  {"remote",-15}  {"conns",7}  {"locals",6}  {"first seen (UTC)",-19}  {"last seen (UTC)",-19}  {"cc",-2}  {"asn",-26}  {"drivers at max",-44}  model");
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var explained = explainer.Explain([.. chunk.Select(r => new Connection(r.Remote, r.HourAtMax))]);
            for (var i = 0; i < chunk.Length; i++)
            {
                WriteRemote(++Written, chunk[i], explained[i]);
            }
        }

        writer.Flush();
    }

    private void Header(string csv, string text)
    {
        switch (format)
        {
            case "csv":
                writer.WriteLine(csv);
                break;
            case "text":
                writer.WriteLine(text);
                break;
        }
    }

    private void WriteConnection(long rank, in ScoredRow r, Explanation e)
    {
        var label = Label(r.Probability);
        var f = e.Features;
        switch (format)
        {
            case "csv":
                writer.WriteLine(Csv(
                    rank.ToString(CultureInfo.InvariantCulture), ProbabilityFormat.Exact(r.Probability), label, r.Remote.ToString(), r.Peer?.ToString(),
                    r.Hour.ToString(CultureInfo.InvariantCulture), Time(r.Ticks), f.CountryCode, f.Asn?.ToString(CultureInfo.InvariantCulture), e.AsOrganization,
                    f.TimeZone, Number(f.Latitude), Number(f.Longitude), Drivers(e), sources[r.Source], r.Line.ToString(CultureInfo.InvariantCulture), r.Label,
                    manifest.Name, manifest.Version));
                break;
            case "jsonl":
                writer.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        rank,
                        probability = r.Probability,
                        label,
                        remote = r.Remote.ToString(),
                        local = r.Peer?.ToString(),
                        hour = r.Hour,
                        time = r.Ticks == 0 ? null : Time(r.Ticks),
                        features = Features(e),
                        drivers = DriverObjects(e),
                        file = sources[r.Source],
                        line = r.Line,
                        log_label = r.Label,
                        model = manifest.Name,
                        version = manifest.Version,
                    },
                    Json));
                break;
            default:
                writer.WriteLine(
                    $"{rank,5}  {P(r.Probability)}  {label,-9}  {r.Remote,-15}  {r.Peer?.ToString() ?? "-",-15}  {r.Hour,2:00}  {Time(r.Ticks, "-"),-19}  {f.CountryCode ?? "-",-2}  {Clip(Asn(e), 26),-26}  {Clip(e.Summary(TextDrivers), 44),-44}  {Clip($"{Path.GetFileName(sources[r.Source])}:{r.Line}", 22),-22}  {Clip(r.Label ?? "-", 10),-10}  {manifest.Version}");
                break;
        }
    }

    private void WriteRemote(long rank, RemoteStats r, Explanation e)
    {
        var label = Label(r.MaxProbability);
        var f = e.Features;
        var locals = r.Peers >= RemoteStats.MaxPeers ? $"{RemoteStats.MaxPeers}+" : r.Peers.ToString(CultureInfo.InvariantCulture);
        switch (format)
        {
            case "csv":
                writer.WriteLine(Csv(
                    rank.ToString(CultureInfo.InvariantCulture), ProbabilityFormat.Exact(r.MaxProbability), ProbabilityFormat.Exact(r.MeanProbability), label, r.Remote.ToString(),
                    r.Connections.ToString(CultureInfo.InvariantCulture), locals, Time(r.FirstTicks), Time(r.LastTicks),
                    r.HourAtMax.ToString(CultureInfo.InvariantCulture), f.CountryCode, f.Asn?.ToString(CultureInfo.InvariantCulture), e.AsOrganization,
                    f.TimeZone, Number(f.Latitude), Number(f.Longitude), Drivers(e), sources[r.SourceAtMax], r.LineAtMax.ToString(CultureInfo.InvariantCulture),
                    manifest.Name, manifest.Version));
                break;
            case "jsonl":
                writer.WriteLine(JsonSerializer.Serialize(
                    new
                    {
                        rank,
                        max_probability = r.MaxProbability,
                        mean_probability = r.MeanProbability,
                        label,
                        remote = r.Remote.ToString(),
                        connections = r.Connections,
                        locals,
                        first_seen = r.FirstTicks == 0 ? null : Time(r.FirstTicks),
                        last_seen = r.LastTicks == 0 ? null : Time(r.LastTicks),
                        hour_at_max = r.HourAtMax,
                        features = Features(e),
                        drivers = DriverObjects(e),
                        file = sources[r.SourceAtMax],
                        line_at_max = r.LineAtMax,
                        model = manifest.Name,
                        version = manifest.Version,
                    },
                    Json));
                break;
            default:
                writer.WriteLine(
                    $"{rank,5}  {P(r.MaxProbability)}  {P(r.MeanProbability)}  {label,-9}  {r.Remote,-15}  {r.Connections,7}  {locals,6}  {Time(r.FirstTicks, "-"),-19}  {Time(r.LastTicks, "-"),-19}  {f.CountryCode ?? "-",-2}  {Clip(Asn(e), 26),-26}  {Clip(e.Summary(TextDrivers), 44),-44}  {manifest.Version}");
                break;
        }
    }

    private string Label(double p) => p >= manifest.Threshold ? "malicious" : "benign";

    private static object Features(Explanation e) => new
    {
        hour = e.Features.Hour,
        country = e.Features.CountryCode,
        asn = e.Features.Asn,
        as_org = e.AsOrganization,
        time_zone = e.Features.TimeZone,
        latitude = e.Features.Latitude,
        longitude = e.Features.Longitude,
    };

    /// <summary>A driver's delta for JSON: 4 decimals, and a delta that rounds to zero is 0, never -0.</summary>
    internal static double JsonDelta(double delta) => Math.Round(delta, 4) is var r && r == 0 ? 0 : r;

    private static object[] DriverObjects(Explanation e) =>
        [.. e.Drivers.Select(d => new { feature = d.Feature, value = d.Value, delta = JsonDelta(d.Delta) })];

    private static string Drivers(Explanation e) =>
        string.Join(";", e.Drivers.Select(d => $"{d.Feature}={d.Value}:{Explanation.Signed(d.Delta)}"));

    private static string Asn(Explanation e) =>
        e.Features.Asn is { } a ? $"AS{a.ToString(CultureInfo.InvariantCulture)} {e.AsOrganization}".TrimEnd() : "-";

    /// <summary>A probability in the text table, padded to the column.</summary>
    private string P(double p) => probabilities.Text(p).PadRight(probabilities.Width);

    private static string? Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 UTC for CSV and JSON; the text table passes a placeholder and gets "yyyy-MM-dd HH:mm:ss".</summary>
    private static string Time(long ticks, string? none = null) =>
        ticks == 0 ? none ?? "" : new DateTime(ticks, DateTimeKind.Utc).ToString(none is null ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Clip(string text, int width) => text.Length <= width ? text : string.Concat(text.AsSpan(0, width - 1), "…");

    private static string Csv(params string?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            var v = fields[i] ?? "";
            if (v.AsSpan().IndexOfAny(",\"\n\r") >= 0)
            {
                line.Append('"').Append(v.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
            }
            else
            {
                line.Append(v);
            }
        }

        return line.ToString();
    }
}
