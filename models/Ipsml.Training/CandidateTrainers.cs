using Ipsml.Training.Candidates;

namespace Ipsml.Training;

/// <summary>The trainer kinds an experiment may name.</summary>
public static class CandidateTrainers
{
    private static readonly IReadOnlyDictionary<string, Func<ICandidateTrainer>> Kinds = new Dictionary<string, Func<ICandidateTrainer>>
    {
        [RandomForestTrainer.KindName] = () => new RandomForestTrainer(),
        [AutoMlTrainer.KindName] = () => new AutoMlTrainer(),
        [MlpTrainer.KindName] = () => new MlpTrainer(),
    };

    public static IReadOnlyCollection<string> Names => [.. Kinds.Keys.Order(StringComparer.Ordinal)];

    public static ICandidateTrainer Get(string kind) =>
        Kinds.TryGetValue(kind, out var make)
            ? make()
            : throw new ArgumentException($"unknown candidate kind '{kind}'; known: {string.Join(", ", Names)}");
}
