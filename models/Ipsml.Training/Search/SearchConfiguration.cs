namespace Ipsml.Training.Search;

/// <summary>One point of the search: a trainer and a value for each of its hyper-parameters (see <see cref="SearchParameter"/> for the encoding).</summary>
internal sealed record SearchConfiguration(string Trainer, IReadOnlyDictionary<string, double> Values)
{
    public int Int(string name) => (int)Values[name];

    public double Double(string name) => Values[name];

    /// <summary>A stable text form for logs and equality checks, parameters in ordinal order.</summary>
    public override string ToString() =>
        $"{Trainer}({string.Join(", ", Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value:R}"))})";
}
