using FsCheck.Xunit;
using Ipsml.Training.Search;

namespace Ipsml.Models.Tests.Search;

public sealed class RandomSamplerTests
{
    private static readonly SearchSpace Trees = new(
        "trees",
        SearchParameter.Int("count", 2, 200, 20),
        SearchParameter.Real("rate", 1e-4, 1, 0.1, log: true),
        SearchParameter.Real("fraction", 0.5, 1, 0.7, log: false));

    private static readonly SearchSpace Linear = new(
        "linear",
        SearchParameter.Real("l2", 1e-6, 1, 1e-4, log: true),
        SearchParameter.Choice("normalizer", "b", "a", "b", "c"));

    private static List<string> Sequence(int seed, int count) =>
        [.. new RandomSampler([Trees, Linear], seed).Next(count).Select(c => c.ToString())];

    [Fact]
    public void Same_seed_proposes_the_same_configurations()
    {
        Assert.Equal(Sequence(5, 40), Sequence(5, 40));
    }

    [Fact]
    public void Another_seed_proposes_other_configurations()
    {
        var a = Sequence(5, 40);
        var b = Sequence(6, 40);
        Assert.Equal(a.Take(2), b.Take(2)); // the defaults
        Assert.All(a.Skip(2).Zip(b.Skip(2)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public void Each_trainer_default_comes_first_then_trainers_take_turns()
    {
        var configurations = new RandomSampler([Trees, Linear], 1).Next(6);
        Assert.Equal(Trees.Default().ToString(), configurations[0].ToString());
        Assert.Equal(Linear.Default().ToString(), configurations[1].ToString());
        Assert.Equal(["trees", "linear", "trees", "linear", "trees", "linear"], configurations.Select(c => c.Trainer));
        Assert.Equal("""{"count":20,"rate":0.1,"fraction":0.7}""", Trees.Describe(configurations[0]).ToJsonString());
        Assert.Equal("""{"l2":0.0001,"normalizer":"b"}""", Linear.Describe(configurations[1]).ToJsonString());
    }

    [Property(MaxTest = 50)]
    public void Sampled_values_stay_in_range_integers_are_whole_and_choices_exist(int seed)
    {
        foreach (var c in new RandomSampler([Trees, Linear], seed).Next(30))
        {
            var space = c.Trainer == "trees" ? Trees : Linear;
            foreach (var p in space.Parameters)
            {
                var v = c.Values[p.Name];
                Assert.InRange(v, p.Min, p.Max);
                if (p.Integer)
                {
                    Assert.Equal(Math.Round(v), v);
                }
            }
        }
    }

    [Fact]
    public void Log_scale_gives_each_decade_the_same_chance()
    {
        // log-uniform on [1e-4, 1]: half the mass lies below the geometric middle 1e-2 (uniform would put 1% there),
        // a quarter below 1e-3.
        var p = SearchParameter.Real("rate", 1e-4, 1, 0.1, log: true);
        var random = new Random(11);
        var values = Enumerable.Range(0, 4000).Select(_ => p.Sample(random)).ToList();
        Assert.InRange(values.Count(v => v < 1e-2) / 4000.0, 0.45, 0.55);
        Assert.InRange(values.Count(v => v < 1e-3) / 4000.0, 0.20, 0.30);
    }

    [Fact]
    public void Linear_scale_is_uniform_between_the_bounds()
    {
        var p = SearchParameter.Real("fraction", 0.5, 1, 0.7, log: false);
        var random = new Random(11);
        var values = Enumerable.Range(0, 4000).Select(_ => p.Sample(random)).ToList();
        Assert.InRange(values.Count(v => v < 0.75) / 4000.0, 0.45, 0.55);
        Assert.InRange(values.Count(v => v < 0.6) / 4000.0, 0.15, 0.25);
    }

    [Fact]
    public void Sampled_reals_keep_four_significant_digits()
    {
        var p = SearchParameter.Real("rate", 1e-4, 1, 0.1, log: true);
        var random = new Random(3);
        for (var i = 0; i < 100; i++)
        {
            var v = p.Sample(random);
            Assert.Equal(v, double.Parse(v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void A_default_outside_the_range_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SearchParameter.Int("trees", 10, 100, 5));
        Assert.Throws<ArgumentException>(() => SearchParameter.Real("rate", 0, 1, 0.1, log: true));
        Assert.Throws<ArgumentException>(() => SearchParameter.Choice("n", "z", "a", "b"));
    }
}
