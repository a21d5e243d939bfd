namespace Ipsml.Training.Candidates;

/// <summary>The trainers the AutoML search knows, by name, in a fixed order.</summary>
internal static class AutoMlLearners
{
    public static IReadOnlyList<AutoMlLearner> All { get; } =
        [new AutoMlFastForest(), new AutoMlFastTree(), new AutoMlLightGbm(), new AutoMlSdcaLogistic(), new AutoMlLbfgsLogistic()];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(l => l.Name)];

    public static AutoMlLearner? Find(string name) => All.FirstOrDefault(l => l.Name == name);
}
