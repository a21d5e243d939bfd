using System.Net;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Ipsml.Training;
using Ipsml.Training.Candidates;

namespace Ipsml.Models.Tests.Artifacts;

public sealed class ModelArtifactTests : IDisposable
{
    private static readonly GeoDatabaseInfo City = new("city", "GeoIP2-City-Test", "file:test", "city.mmdb", "2024-01-01T00:00:00Z", new string('a', 64), "test");
    private static readonly GeoDatabaseInfo Asn = new("asn", "GeoLite2-ASN-Test", "file:test", "asn.mmdb", "2024-01-01T00:00:00Z", new string('b', 64), "test");

    private readonly string root = Path.Combine(Path.GetTempPath(), "ipsml-artifact-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, true);
        }
    }

    private string Publish(string version = "1.0.1")
    {
        var modelDir = Path.Combine(root, "train", "rf");
        if (!Directory.Exists(modelDir))
        {
            new RandomForestTrainer().Train(
                new CandidateSpec("rf", RandomForestTrainer.KindName, FeatureSchema.DefaultColumns, new JsonObject { ["trees"] = 10, ["leaves"] = 8 }, 3),
                new TrainingData(SyntheticData.Rows(2000, 1), SyntheticData.Rows(500, 2), SyntheticData.Vocabulary()),
                modelDir,
                null,
                CancellationToken.None);
        }

        var target = Path.Combine(root, "models", "ipsml", version);
        ArtifactWriter.Write(target, Manifest(version), SyntheticData.Vocabulary(), modelDir, "# card\n");
        return target;
    }

    private static ArtifactManifest Manifest(string version) => new()
    {
        Name = "ipsml",
        Version = version,
        Created = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.Zero),
        Experiment = "test",
        Candidate = "rf",
        Kind = "mlnet",
        Features = new FeatureSchemaRef(FeatureSchema.Version, FeatureSchema.DefaultColumns),
        Geo = [City, Asn],
        Data = [new DataSnapshotRef("feed", "feed.txt", new string('c', 64))],
        Threshold = 0.5,
    };

    [Fact]
    public void Published_artifact_loads_and_scores_exactly_like_the_trained_model()
    {
        var dir = Publish();
        using var artifact = ModelArtifact.Load(dir);
        using var trained = ModelLoader.Load(Path.Combine(root, "train", "rf"));
        var rows = SyntheticData.Rows(200, 9);

        Assert.Equal(trained.Score(rows), artifact.Model.Score(rows));
        Assert.Equal("1.0.1", artifact.Manifest.Version);
        Assert.Equal(SyntheticData.Vocabulary().Countries, artifact.Vocabulary.Countries);
    }

    [Theory]
    [InlineData("mlp", """{ "hidden": "8", "epochs": 3 }""")]
    [InlineData("automl", """{ "maxTrials": 3, "minRows": 100, "trainers": ["fastTree", "lbfgsLogistic"] }""")]
    public void Every_candidate_kind_publishes_and_scores_through_the_scorer(string kind, string parameters)
    {
        var modelDir = Path.Combine(root, "train", kind);
        CandidateTrainers.Get(kind).Train(
            new CandidateSpec(kind, kind, FeatureSchema.DefaultColumns, JsonNode.Parse(parameters)!.AsObject(), 3),
            new TrainingData(SyntheticData.Rows(2000, 1), SyntheticData.Rows(500, 2), SyntheticData.Vocabulary()),
            modelDir,
            null,
            CancellationToken.None);
        var target = Path.Combine(root, "models", kind, "1.0.1");
        ArtifactWriter.Write(target, Manifest("1.0.1") with { Candidate = kind, Kind = ModelDescription.Load(modelDir).Kind }, SyntheticData.Vocabulary(), modelDir, "# card\n");

        using var scorer = new ConnectionScorer(ModelArtifact.Load(target), new FixedGeo([City, Asn]));
        using var trained = ModelLoader.Load(modelDir);
        var scores = scorer.Score([new Connection(IPAddress.Parse("81.2.69.142"), 3), new Connection(IPAddress.Parse("81.2.69.160"), 15)]);
        var encoder = new FeatureEncoder(SyntheticData.Vocabulary());
        Assert.Equal(
            trained.Score([encoder.Encode(RawFeatures.From(IPAddress.Parse("81.2.69.142"), 3, FixedGeo.Record)), encoder.Encode(RawFeatures.From(IPAddress.Parse("81.2.69.160"), 15, FixedGeo.Record))]),
            scores.Select(x => x.Probability));
        Assert.All(scores, x => Assert.InRange(x.Probability, 0f, 1f));
    }

    [Fact]
    public void Sums_file_is_sha256sum_compatible_and_lists_every_file()
    {
        var dir = Publish();
        var lines = File.ReadAllLines(Path.Combine(dir, ArtifactFiles.Sums));
        var listed = lines.Select(l => l[66..]).ToList();
        Assert.Equal([ArtifactFiles.Card, ArtifactFiles.Manifest, "model/model.json", "model/model.zip", ArtifactFiles.Vocabulary], listed);
        Assert.All(lines, l => Assert.Matches("^[0-9a-f]{64}  ", l));
        Assert.Equal(Hashing.Sha256File(Path.Combine(dir, "model", "model.zip")), lines.Single(l => l.EndsWith("model/model.zip"))[..64]);
    }

    [Fact]
    public void Tampered_model_file_is_refused_naming_the_file()
    {
        var dir = Publish();
        var zip = Path.Combine(dir, "model", "model.zip");
        var bytes = File.ReadAllBytes(zip);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(zip, bytes);

        var e = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(dir));
        Assert.Contains("model.zip", e.Message);
        Assert.Contains("does not match", e.Message);
    }

    [Fact]
    public void Added_file_is_refused()
    {
        var dir = Publish();
        File.WriteAllText(Path.Combine(dir, "extra.txt"), "x");
        var e = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(dir));
        Assert.Contains("extra.txt", e.Message);
    }

    [Fact]
    public void Deleted_file_is_refused()
    {
        var dir = Publish();
        File.Delete(Path.Combine(dir, ArtifactFiles.Card));
        var e = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(dir));
        Assert.Contains("missing", e.Message);
    }

    [Fact]
    public void Other_feature_schema_is_refused_even_with_matching_sums()
    {
        var dir = Publish();
        var manifest = Path.Combine(dir, ArtifactFiles.Manifest);
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace(FeatureSchema.Version, "ipsml-features/0"));
        ArtifactSums.Write(dir);

        var e = Assert.Throws<ArtifactException>(() => ModelArtifact.Load(dir));
        Assert.Contains("ipsml-features/0", e.Message);
    }

    [Fact]
    public void Published_versions_are_immutable()
    {
        Publish();
        Assert.Throws<ArtifactException>(() => Publish());
    }

    [Fact]
    public void Scorer_refuses_other_geo_databases_unless_allowed()
    {
        var dir = Publish();
        var otherCity = City with { Sha256 = new string('f', 64), BuildDate = "2025-01-01T00:00:00Z" };

        var e = Assert.Throws<ArtifactException>(() => new ConnectionScorer(ModelArtifact.Load(dir), new FixedGeo([otherCity, Asn])));
        Assert.Contains("city", e.Message);

        using var allowed = new ConnectionScorer(ModelArtifact.Load(dir), new FixedGeo([otherCity, Asn]), allowGeoMismatch: true);
        Assert.NotNull(allowed.GeoMismatch);
    }

    [Fact]
    public void Scorer_uses_the_shared_encoder_and_the_manifest_threshold()
    {
        var dir = Publish();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(dir), new FixedGeo([City, Asn]));
        var scores = scorer.Score([new Connection(IPAddress.Parse("81.2.69.142"), 3), new Connection(IPAddress.Parse("216.160.83.56"), 14)]);

        var encoder = new FeatureEncoder(SyntheticData.Vocabulary());
        var expected = scorer.Artifact.Model.Score([
            encoder.Encode(RawFeatures.From(IPAddress.Parse("81.2.69.142"), 3, FixedGeo.Record)),
            encoder.Encode(RawFeatures.From(IPAddress.Parse("216.160.83.56"), 14, FixedGeo.Record))]);
        Assert.Equal(expected, scores.Select(s => s.Probability));
        Assert.All(scores, s => Assert.Equal(s.Probability >= 0.5, s.Malicious));
        Assert.Equal("BB", scores[0].Features.CountryCode);
    }

    [Theory]
    [InlineData("10.0.0.1", "10.0.0.0/8")]
    [InlineData("::ffff:10.0.0.1", "10.0.0.0/8")]
    [InlineData("127.0.0.1", "127.0.0.0/8")]
    [InlineData("0.0.0.0", "0.0.0.0/32")]
    [InlineData("224.0.0.1", "224.0.0.0/4")]
    [InlineData("fe80::1", "fe80::/10")]
    [InlineData("2001:db8::1", "2001:db8::/32")]
    [InlineData("::1", "::1/128")]
    public void Scorer_refuses_a_non_public_address_naming_it_and_its_block_in_every_overload(string address, string block)
    {
        var dir = Publish();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(dir), new FixedGeo([City, Asn]));
        var ip = IPAddress.Parse(address);
        var shown = ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4().ToString() : address;

        var one = Assert.Throws<ArgumentException>(() => scorer.Score(ip, 3));
        var batch = Assert.Throws<ArgumentException>(() => scorer.Score([new Connection(IPAddress.Parse("81.2.69.142"), 3), new Connection(ip, 4)]));
        var span = Assert.Throws<ArgumentException>(() => scorer.Score([new Connection(ip, 5)], new float[1]));

        Assert.Contains($"connection 0: {shown} is in {block}", one.Message);
        Assert.Contains($"connection 1: {shown} is in {block}", batch.Message);
        Assert.Contains($"connection 0: {shown} is in {block}", span.Message);
        Assert.Equal("connections", batch.ParamName);
        Assert.Equal(0, scorer.ModelRows);
    }

    [Fact]
    public void Scorer_scores_an_ipv4_mapped_public_address_as_its_ipv4_address()
    {
        var dir = Publish();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(dir), new FixedGeo([City, Asn]));

        Assert.Equal(scorer.Score(IPAddress.Parse("81.2.69.142"), 3).Probability, scorer.Score(IPAddress.Parse("::ffff:81.2.69.142"), 3).Probability);
    }

    private sealed class FixedGeo(IReadOnlyList<GeoDatabaseInfo> databases) : IGeoLookup
    {
        public static readonly GeoRecord Record = new(10, 20, "Z/2", "BB", 5, "Org");

        public IReadOnlyList<GeoDatabaseInfo> Databases => databases;

        public GeoRecord Lookup(IPAddress address) => Record;

        public void Dispose()
        {
        }
    }
}
