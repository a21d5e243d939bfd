using System.Globalization;
using System.Text;

namespace Ipsml.Pipelines.Tests.EndToEnd;

/// <summary>
/// A small, hand-made snapshot with a learnable rule (malicious sightings at night from 11.x–99.x addresses, benign
/// ones by day from 130.x–160.x), a few bad lines of known kinds, a three-feed registry, an experiment and a geo
/// folder holding MaxMind's test databases under the names the geo search looks for.
/// </summary>
public sealed class PipelineFixture
{
    public const int MaliciousRows = 400;
    public const int BenignRows = 200;

    private PipelineFixture(string root)
    {
        Root = root;
        Snapshot = Path.Combine(root, "snapshot");
        Registry = Path.Combine(root, "feeds.json");
        Experiment = Path.Combine(root, "experiment.json");
        GeoDir = Path.Combine(root, "geo");
    }

    public string Root { get; }

    public string Snapshot { get; }

    public string Registry { get; }

    public string Experiment { get; }

    public string GeoDir { get; }

    public static PipelineFixture Write(string root)
    {
        var f = new PipelineFixture(root);
        Directory.CreateDirectory(Path.Combine(f.Snapshot, "mal"));
        Directory.CreateDirectory(Path.Combine(f.Snapshot, "ben"));
        Directory.CreateDirectory(f.GeoDir);
        var random = new Random(1);

        var mal = new StringBuilder();
        for (var i = 0; i < MaliciousRows; i++)
        {
            var ip = $"{random.Next(11, 100)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
            mal.Append(Time(random, 0, 7)).Append(',').Append(i % 50 == 0 ? "81.2.69.142" : ip).Append('\n');
        }

        mal.Append("2018-05-01 03:00:00 UTC,10.1.2.3\n");          // private: dropped as Private
        mal.Append("2018-05-01 03:00:00 UTC,not-an-address\n");    // dropped as BadAddress
        File.WriteAllText(Path.Combine(f.Snapshot, "mal", "times.txt"), mal.ToString());
        File.WriteAllText(Path.Combine(f.Snapshot, "mal", "nets.netset"), "# test netset\n45.0.0.0/24\n46.10.0.0/22\n0.0.0.0/8\n");

        var ben = new StringBuilder();
        for (var i = 0; i < BenignRows; i++)
        {
            var ip = $"{random.Next(130, 161)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";
            ben.Append(Time(random, 9, 18)).Append(',').Append(i % 40 == 0 ? "216.160.83.56" : ip).Append('\n');
        }

        File.WriteAllText(Path.Combine(f.Snapshot, "ben", "times.txt"), ben.ToString());

        File.WriteAllText(f.Registry, """
            { "feeds": [
              { "name": "night-owls", "label": "malicious", "format": "time-ip", "urls": [], "snapshot": ["mal/times.txt"], "licence": "test", "time": "row" },
              { "name": "bad-nets", "label": "malicious", "format": "netset", "urls": [], "snapshot": ["mal/nets.netset"], "licence": "test", "time": "none" },
              { "name": "day-people", "label": "benign", "format": "time-ip", "urls": [], "snapshot": ["ben/times.txt"], "licence": "test", "time": "row" }
            ] }
            """);
        File.WriteAllText(f.Experiment, """
            {
              "name": "fixture",
              "seed": 7,
              "dataset": { "maxAsns": 10 },
              "train": { "candidates": [
                { "name": "forest", "kind": "random-forest", "parameters": { "trees": 20, "leaves": 8 } },
                { "name": "search", "kind": "automl", "parameters": { "maxTrials": 4, "minRows": 50, "trainers": ["fastTree", "lbfgsLogistic"] } },
                { "name": "net", "kind": "mlp", "parameters": { "hidden": "8", "epochs": 3 } } ] },
              "publish": { "name": "fixture-model" }
            }
            """);
        var maxmind = Path.Combine(RepoPaths.SharedData, "maxmind-test", "test-data");
        File.Copy(Path.Combine(maxmind, "GeoIP2-City-Test.mmdb"), Path.Combine(f.GeoDir, "GeoIP2-City.mmdb"));
        File.Copy(Path.Combine(maxmind, "GeoLite2-ASN-Test.mmdb"), Path.Combine(f.GeoDir, "GeoLite2-ASN.mmdb"));
        return f;
    }

    private static string Time(Random random, int fromHour, int toHour) =>
        new DateTime(2018, 5, random.Next(1, 29), random.Next(fromHour, toHour), random.Next(0, 60), 0, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
