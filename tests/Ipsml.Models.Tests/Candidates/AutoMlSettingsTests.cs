using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Training;
using Ipsml.Training.Candidates;

namespace Ipsml.Models.Tests.Candidates;

public sealed class AutoMlSettingsTests
{
    private static AutoMlSettings Read(string json) =>
        AutoMlSettings.Read(new CandidateSpec("sweep", AutoMlTrainer.KindName, FeatureSchema.DefaultColumns, JsonNode.Parse(json)!.AsObject(), 1));

    [Fact]
    public void Defaults_are_24_trials_120_seconds_all_five_trainers_pr_auc_eta_3_and_2000_rows()
    {
        var s = Read("{}");
        Assert.Equal(24, s.MaxTrials);
        Assert.Equal(120, s.MaxSeconds);
        Assert.Equal(["fastForest", "fastTree", "lightGbm", "sdcaLogistic", "lbfgsLogistic"], s.Learners.Select(l => l.Name));
        Assert.Equal("prAuc", s.Metric);
        Assert.Equal(0.01, s.Prevalence);
        Assert.Equal(3, s.Eta);
        Assert.Equal(2000, s.MinRows);
        Assert.Equal(
            """{"trainers":["fastForest","fastTree","lightGbm","sdcaLogistic","lbfgsLogistic"],"maxTrials":24,"maxSeconds":120,"metric":"prAuc","prevalence":0.01,"eta":3,"minRows":2000}""",
            s.Used.ToJsonString());
    }

    [Fact]
    public void Trainers_may_be_a_list_or_a_comma_separated_string_and_keep_their_order()
    {
        Assert.Equal(["lightGbm", "fastForest"], Read("""{"trainers":["lightGbm","fastForest"]}""").Learners.Select(l => l.Name));
        Assert.Equal(["sdcaLogistic", "fastTree"], Read("""{"trainers":"sdcaLogistic, fastTree"}""").Learners.Select(l => l.Name));
    }

    [Fact]
    public void Unknown_trainer_is_refused_naming_it_and_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("""{"trainers":["lightGbm","xgboost"]}"""));
        Assert.Contains("candidate 'sweep'", e.Message);
        Assert.Contains("unknown trainer 'xgboost'", e.Message);
        Assert.Contains("fastForest, fastTree, lightGbm, sdcaLogistic, lbfgsLogistic", e.Message);
    }

    [Fact]
    public void Trainer_listed_twice_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("""{"trainers":["fastTree","fastTree"]}"""));
        Assert.Contains("'fastTree' is listed twice", e.Message);
    }

    [Theory]
    [InlineData("""{"trainers":3}""")]
    [InlineData("""{"trainers":["fastTree",1]}""")]
    public void Trainers_that_are_not_names_are_refused(string json)
    {
        var e = Assert.Throws<ArgumentException>(() => Read(json));
        Assert.Contains("is not a list of trainer names", e.Message);
    }

    [Fact]
    public void Empty_trainer_list_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("""{"trainers":[]}"""));
        Assert.Contains("needs at least one trainer", e.Message);
    }

    [Fact]
    public void Unknown_parameter_is_refused_by_name_with_the_known_ones_including_trainers()
    {
        var e = Assert.Throws<ArgumentException>(() => Read("""{"maxTrails":10}"""));
        Assert.Contains("maxTrails", e.Message);
        Assert.Contains("trainers", e.Message);
        Assert.Contains("maxTrials", e.Message);
    }

    [Theory]
    [InlineData("""{"metric":"accuracy"}""", "'metric'")]
    [InlineData("""{"eta":1}""", "'eta'")]
    [InlineData("""{"maxTrials":0}""", "'maxTrials'")]
    [InlineData("""{"maxTrials":2.5}""", "'maxTrials'")]
    [InlineData("""{"maxSeconds":-1}""", "'maxSeconds'")]
    [InlineData("""{"minRows":0}""", "'minRows'")]
    public void Bad_values_are_refused_naming_the_parameter(string json, string named)
    {
        var e = Assert.Throws<ArgumentException>(() => Read(json));
        Assert.Contains(named, e.Message);
    }

    [Fact]
    public void Unknown_feature_column_is_refused_before_training()
    {
        var spec = new CandidateSpec("sweep", AutoMlTrainer.KindName, ["Hour", "Colour"], [], 1);
        var data = new TrainingData(SyntheticData.Rows(100, 1), SyntheticData.Rows(100, 2), SyntheticData.Vocabulary());
        var e = Assert.Throws<ArgumentException>(() => new AutoMlTrainer().Train(spec, data, Path.Combine(Path.GetTempPath(), "never-" + Guid.NewGuid().ToString("N")), null, CancellationToken.None));
        Assert.Contains("'Colour'", e.Message);
    }
}
