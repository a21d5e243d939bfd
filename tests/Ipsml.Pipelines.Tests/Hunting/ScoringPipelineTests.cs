using System.Net;
using Ipsml.Cli.Hunting;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Ipsml.Pipelines.Tests.Hunting;

[Collection(HuntCollection.Name)]
public sealed class ScoringPipelineTests(HuntFixture hunt)
{
    private IGeoLookup OpenGeo() => GeoSources.Resolve(
        new GeoOptions { CacheDir = Path.Combine(hunt.Output, "cache", "geo"), Directories = [hunt.GeoDir], UseNpm = false, MaxMindLicenseKey = null },
        _ => { },
        CancellationToken.None);

    private static int Bits(float value) => BitConverter.SingleToInt32Bits(value);

    /// <summary>Addresses the test databases know (London, Milton, Linköping, Changchun, Telstra) and random public ones, at random hours, with repeats.</summary>
    private static Connection[] Connections(int count, int seed)
    {
        var random = new Random(seed);
        string[] known = ["81.2.69.142", "81.2.69.160", "216.160.83.56", "89.160.20.112", "175.16.199.0", "1.128.0.1", "2.125.160.216"];
        IPAddress RandomPublic()
        {
            while (true)
            {
                var address = new IPAddress([(byte)random.Next(1, 223), (byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)]);
                if (AddressSpace.Classify(address) is null)
                {
                    return address;
                }
            }
        }

        return [.. Enumerable.Range(0, count).Select(i => new Connection(
            i % 3 == 0 ? IPAddress.Parse(known[random.Next(known.Length)]) : RandomPublic(),
            random.Next(24)))];
    }

    [Fact]
    public void Cached_and_uncached_scores_equal_the_ml_net_transform_of_the_same_rows()
    {
        using var geo = OpenGeo();
        using var cached = new ConnectionScorer(ModelArtifact.Load(hunt.ModelDir), geo);
        using var uncached = new ConnectionScorer(ModelArtifact.Load(hunt.ModelDir), geo, allowGeoMismatch: false, cacheEntries: 0);
        var connections = Connections(3000, 5);
        connections = [.. connections, .. connections];

        // First the first half, then everything: the second call finds the first half in the connection cache.
        var fast = new float[connections.Length];
        cached.Score(connections.AsSpan(0, 3000), fast.AsSpan(0, 3000));
        cached.Score(connections, fast);
        var slow = new float[connections.Length];
        uncached.Score(connections, slow);

        // The reference: ML.NET's own Transform over the encoded rows, the way training evaluates.
        var context = new MLContext(seed: 0);
        var model = context.Model.Load(Path.Combine(hunt.ModelDir, "model", "model.zip"), out _);
        var encoder = new FeatureEncoder(cached.Artifact.Vocabulary);
        var enricher = new FeatureEnricher(geo);
        var rows = connections.Select(c => encoder.Encode(enricher.Enrich(c.Address, c.Hour))).ToList();
        var scored = model.Transform(context.Data.LoadFromEnumerable(rows));
        var reference = scored.GetColumn<float>("Probability").ToArray();

        Assert.True(cached.ConnectionCacheHits >= 3000);
        Assert.Equal(0, uncached.ConnectionCacheHits + uncached.RowCacheHits);
        Assert.Equal(reference.Select(Bits), slow.Select(Bits));
        Assert.Equal(reference.Select(Bits), fast.Select(Bits));
        Assert.Equal(reference.Take(500).Select(Bits), cached.Score(connections.Take(500).ToList()).Select(s => Bits(s.Probability)));
    }

    [Fact]
    public void Drivers_are_the_probability_minus_the_probability_without_each_feature()
    {
        using var geo = OpenGeo();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(hunt.ModelDir), geo);
        var explainer = new ScoreExplainer(scorer, geo);
        var connection = new Connection(IPAddress.Parse("81.2.69.142"), 3);

        var e = explainer.Explain([connection])[0];

        var row = scorer.Encode(e.Features);
        FeatureRow With(Action<FeatureRow> change)
        {
            var copy = scorer.Encode(e.Features);
            change(copy);
            return copy;
        }

        var model = scorer.Artifact.Model;
        var p = model.Score([row])[0];
        var hours = model.Score([.. Enumerable.Range(0, 24).Select(h => With(r => r.Hour = h))]).Average();
        var expected = new Dictionary<string, double>
        {
            ["asn"] = p - model.Score([With(r => r.Asn = 0)])[0],
            ["country"] = p - model.Score([With(r => r.Country = 0)])[0],
            ["time_zone"] = p - model.Score([With(r => r.TimeZone = 0)])[0],
            ["location"] = p - model.Score([With(r => (r.Latitude, r.Longitude) = (0, 0))])[0],
            ["hour"] = p - hours,
        };

        Assert.Equal(p, e.Probability);
        Assert.Equal(expected.Keys.Order(), e.Drivers.Select(d => d.Feature).Order());
        Assert.All(e.Drivers, d => Assert.Equal(expected[d.Feature], d.Delta, 5));
        Assert.True(e.Drivers.Zip(e.Drivers.Skip(1)).All(x => Math.Abs(x.First.Delta) >= Math.Abs(x.Second.Delta) - 1e-6));
        Assert.Equal("GB", e.Drivers.Single(d => d.Feature == "country").Value);
    }

    [Fact]
    public void The_pipeline_holds_a_bounded_number_of_batches_whatever_the_log_length()
    {
        using var geo = OpenGeo();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(hunt.ModelDir), geo);
        var input = new LogInput("zeek", "zeek-conn", new Dictionary<string, string> { ["remote"] = "auto" }, ConnectionSides.Default, ["-"]);
        var pipeline = new HuntPipeline(scorer, 2);
        foreach (var lines in new[] { 20_000, 120_000 })
        {
            var pool = new BatchPool(1000);
            var totals = new HuntTotals();
            var order = new List<long>();
            pipeline.Run(
                new ConnectionSource(input, new GeneratedConnLog(BenchLogKind.Repeated, lines, 2000, 3), 0).Read(pool, CancellationToken.None),
                pool,
                b =>
                {
                    totals.Add(b);
                    if (b.Count > 0)
                    {
                        order.Add(b.Lines[0]);
                    }
                },
                CancellationToken.None);

            Assert.Equal(lines, totals.Scored);
            Assert.True(order.Zip(order.Skip(1)).All(p => p.First < p.Second), "batches out of order");
            Assert.InRange(pool.Created, 1, (2 * pipeline.Threads) + 4);
        }
    }

    [Fact]
    public void A_failure_while_consuming_stops_the_pipeline_and_is_rethrown()
    {
        using var geo = OpenGeo();
        using var scorer = new ConnectionScorer(ModelArtifact.Load(hunt.ModelDir), geo);
        var input = new LogInput("zeek", "zeek-conn", new Dictionary<string, string> { ["remote"] = "auto" }, ConnectionSides.Default, ["-"]);
        var pool = new BatchPool(100);
        var seen = 0;
        var e = Assert.Throws<IOException>(() => new HuntPipeline(scorer, 2).Run(
            new ConnectionSource(input, new GeneratedConnLog(BenchLogKind.Unique, 1_000_000, 1, 3), 0).Read(pool, CancellationToken.None),
            pool,
            _ =>
            {
                if (++seen == 3)
                {
                    throw new IOException("disk full");
                }
            },
            CancellationToken.None));
        Assert.Equal("disk full", e.Message);
        Assert.Equal(3, seen);
    }

    [Fact]
    public void The_benchmark_runs_both_logs_and_checks_cached_geo_answers_against_the_file()
    {
        var result = hunt.Run("bench", "--lines", "3000", "--distinct", "100", "--geo-lookups", "2000");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Matches(@"unique\s+3,000\s+3,000\s", result.Out);
        Assert.Matches(@"repeated\s+3,000\s+100\s", result.Out);
        Assert.Contains("cached answers differing from the file: 0", result.Out);
    }
}
