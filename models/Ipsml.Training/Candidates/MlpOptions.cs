using System.Globalization;
using System.Text.Json.Nodes;

namespace Ipsml.Training.Candidates;

/// <summary>The "mlp" candidate's parameters, read and range-checked from the experiment file (unknown keys refused).</summary>
internal sealed record MlpOptions(
    IReadOnlyList<int> Hidden,
    int Embedding,
    int Epochs,
    int BatchSize,
    double LearningRate,
    double WeightDecay,
    int Patience,
    double Dropout,
    int Threads,
    string StopMetric,
    double Prevalence,
    JsonObject Used)
{
    public static MlpOptions Read(CandidateSpec spec)
    {
        var p = new Parameters(spec.Name, spec.Parameters);
        var hiddenText = p.String("hidden", "64,32");
        var options = new MlpOptions(
            Hidden: ParseHidden(spec.Name, hiddenText),
            Embedding: p.Int("embedding", 8, 1, 256),
            Epochs: p.Int("epochs", 30, 1, 10000),
            BatchSize: p.Int("batchSize", 256, 1, 1 << 20),
            LearningRate: p.Double("learningRate", 0.003, 1e-7, 10),
            WeightDecay: p.Double("weightDecay", 0, 0, 10),
            Patience: p.Int("patience", 4, 1, 10000),
            Dropout: p.Double("dropout", 0, 0, 0.9),
            Threads: p.Int("threads", 1, 1, 64),
            StopMetric: p.String("stopMetric", Search.SearchMetric.PrAuc, [.. Search.SearchMetric.Names]),
            Prevalence: p.Double("prevalence", 0.01, 1e-6, 0.999999),
            Used: p.Used);
        p.EnsureAllRead();
        return options;
    }

    /// <summary>"64,32" → [64, 32]; "" → no hidden layer (logistic regression over embeddings and numeric inputs).</summary>
    private static int[] ParseHidden(string candidate, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        var sizes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out sizes[i]) || sizes[i] < 1 || sizes[i] > 4096)
            {
                throw new ArgumentException($"candidate '{candidate}': parameter 'hidden': '{text}' is not a comma-separated list of layer widths 1..4096 (e.g. \"64,32\")");
            }
        }

        return sizes;
    }
}
