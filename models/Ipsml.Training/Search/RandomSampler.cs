namespace Ipsml.Training.Search;

/// <summary>
/// Seeded random search over several trainers' spaces. It first proposes each trainer's defaults (a known-good
/// start), then random configurations with the trainers taken in turn, so every trainer is tried even on a small
/// budget. The same seed and spaces give the same sequence.
/// </summary>
internal sealed class RandomSampler
{
    private readonly IReadOnlyList<SearchSpace> spaces;
    private readonly Random random;
    private int proposed;

    public RandomSampler(IReadOnlyList<SearchSpace> spaces, int seed)
    {
        if (spaces.Count == 0)
        {
            throw new ArgumentException("random search needs at least one trainer");
        }

        this.spaces = spaces;
        random = new Random(seed);
    }

    public SearchConfiguration Next()
    {
        var i = proposed++;
        var space = spaces[i % spaces.Count];
        return i < spaces.Count ? space.Default() : space.Sample(random);
    }

    public IReadOnlyList<SearchConfiguration> Next(int count) => [.. Enumerable.Range(0, count).Select(_ => Next())];
}
