using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ipsml.Cli.Hunting;

/// <summary>Prints a <see cref="LogEvaluationResult"/> as a text report or as one JSON document (NaN written as null).</summary>
internal static class LogEvaluationReport
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new NanAsNull() } };

    public static void Write(TextWriter writer, LogEvaluationResult r, string format)
    {
        if (format == "json")
        {
            writer.WriteLine(JsonSerializer.Serialize(r, Json));
            writer.Flush();
            return;
        }

        var column = r.LabelColumn is null ? "" : $", labels in column '{r.LabelColumn}'";
        writer.WriteLine($"model {r.Model} {r.Version} (threshold {ProbabilityFormat.Exact(r.Threshold)}) on {string.Join(", ", r.Files)} ({r.Format}{column})");
        var skipped = r.Skipped == 0 ? "" : $" ({HuntTotals.Describe(r.SkippedBy)})";
        var bad = r.BadLines == 0 ? "" : $" ({HuntTotals.Describe(r.BadBy)})";
        writer.WriteLine($"{r.DataLines:N0} data lines: {r.Scored:N0} connections scored, {r.Skipped:N0} skipped without a public remote end{skipped}, {r.BadLines:N0} bad lines{bad}");
        writer.WriteLine();
        var width = Math.Max(12, r.Labels.Select(l => (l.Label ?? "(none)").Length).DefaultIfEmpty(0).Max());
        writer.WriteLine($"{"label".PadRight(width)}  {"class",-10}  {"rows",8}  {"scored",8}  {"skipped",8}");
        foreach (var l in r.Labels)
        {
            writer.WriteLine($"{(l.Label ?? "(none)").PadRight(width)}  {l.Class,-10}  {l.Rows,8:N0}  {l.Scored,8:N0}  {l.Skipped,8:N0}");
        }

        writer.WriteLine();
        writer.WriteLine($"{"",-20}  {"positives",9}  {"negatives",9}  {"unlabelled",10}  {"TP",6}  {"FP",6}  {"FN",6}  {"TN",6}  {"precision",9}  {"recall",6}  {"F1",6}  {"PR-AUC",6}  {"no-skill",8}  {"ROC-AUC",7}");
        Row(writer, "per connection", r.Connections);
        Row(writer, "per remote address", r.Remotes);
        writer.WriteLine();
        writer.WriteLine("malicious = a label with the word Malicious or Botnet; benign = Benign or Normal; others are unlabelled and not in the metrics.");
        writer.WriteLine("A remote address is malicious if any of its connections is, its score the highest of its connections'. n/a: nothing reached the threshold, or a class is missing.");
        writer.Flush();
    }

    private static void Row(TextWriter writer, string name, EvaluationMetrics m) =>
        writer.WriteLine(
            $"{name,-20}  {m.Positives,9:N0}  {m.Negatives,9:N0}  {m.Unlabelled,10:N0}  {m.TruePositives,6:N0}  {m.FalsePositives,6:N0}  {m.FalseNegatives,6:N0}  {m.TrueNegatives,6:N0}  {F(m.Precision),9}  {F(m.Recall),6}  {F(m.F1),6}  {F(m.PrAuc),6}  {F(m.PrAucBaseline),8}  {F(m.RocAuc),7}");

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed class NanAsNull : JsonConverter<double>
    {
        public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Null ? double.NaN : reader.GetDouble();

        public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
        {
            if (double.IsFinite(value))
            {
                writer.WriteNumberValue(value);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
