using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Features.Net;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Dataset;

/// <summary>
/// dataset: observations → one row per (address, hour) with raw GeoIP/ASN/time features, split by network group
/// into train/valid/test, and the vocabularies fitted on the training split. Deterministic for a seed.
/// </summary>
public sealed class DatasetStage(RunLayout layout, IPipelineLog log)
{
    public static readonly IReadOnlyList<string> SplitNames = ["train", "valid", "test"];

    public DatasetResult Run(string observationsKey, DatasetOptions options, int seed, IGeoLookup geo, bool force, CancellationToken cancellationToken)
    {
        Validate(options);
        var inputs = new JsonObject
        {
            ["observations"] = observationsKey,
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["seed"] = seed,
            ["geo"] = new JsonArray([.. geo.Databases.Select(d => (JsonNode)JsonValue.Create(d.Sha256))]),
        };
        var outcome = new StageRunner(layout).Run(StageNames.Dataset, inputs, force, dir =>
            Build(layout.Observations(observationsKey), options, seed, geo, new DatasetFiles(dir), cancellationToken));
        var summary = JsonSerializer.Deserialize<DatasetSummary>(File.ReadAllText(layout.Dataset(outcome.Key).Summary))!;
        return new DatasetResult(outcome, summary);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value of the dataset section.</summary>
    internal static void Validate(DatasetOptions o)
    {
        if (!DatasetOptions.MissingHourPolicies.Contains(o.MissingHour))
        {
            throw new ArgumentException($"dataset.missingHour: '{o.MissingHour}' is not one of {string.Join(", ", DatasetOptions.MissingHourPolicies)}");
        }

        if (o.MaxRowsPerAddress is < 1 or > 24)
        {
            throw new ArgumentException($"dataset.maxRowsPerAddress: {o.MaxRowsPerAddress} is outside 1..24");
        }

        if (o.MaxAddressesPerLabel is < 1)
        {
            throw new ArgumentException("dataset.maxAddressesPerLabel must be positive when given");
        }

        if (o.Split.Group != "/24")
        {
            throw new ArgumentException($"dataset.split.group: '{o.Split.Group}' is not supported (\"/24\": IPv4 /24, IPv6 /48)");
        }

        if (o.Split.Train <= 0 || o.Split.Valid <= 0 || o.Split.Train + o.Split.Valid >= 1)
        {
            throw new ArgumentException($"dataset.split: train {o.Split.Train} and valid {o.Split.Valid} must be positive and leave room for test");
        }

        if (o.Temporal.Enabled && o.Temporal.ValidFrom >= o.Temporal.TestFrom)
        {
            throw new ArgumentException($"dataset.temporal: validFrom {o.Temporal.ValidFrom:yyyy-MM-dd} must come before testFrom {o.Temporal.TestFrom:yyyy-MM-dd}");
        }

        if (o.MaxAsns is < 0 or > 100_000)
        {
            throw new ArgumentException($"dataset.maxAsns: {o.MaxAsns} is outside 0..100000");
        }
    }

    private void Build(ObservationsFiles observations, DatasetOptions options, int seed, IGeoLookup geo, DatasetFiles output, CancellationToken cancellationToken)
    {
        var addresses = ReadAddresses(observations.Rows, cancellationToken);
        var (kept, sampledOut) = SampleAddresses(addresses, options.MaxAddressesPerLabel, seed);
        var enricher = new FeatureEnricher(geo);
        var rows = new DatasetRow[kept.Count][];
        using (var step = log.Step("dataset: geo enrichment", kept.Count))
        {
            Parallel.For(0, kept.Count, new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
            {
                rows[i] = RowsOf(kept[i], options, seed, enricher);
                if ((i & 1023) == 0)
                {
                    step.Advance(1024);
                }
            });
        }

        var bySplit = SplitNames.ToDictionary(s => s, _ => new List<DatasetRow>());
        foreach (var row in rows.SelectMany(r => r))
        {
            bySplit[SplitOf(row.Group, options.Split, seed)].Add(row);
        }

        CheckLabels(bySplit, observations);
        foreach (var (name, list) in bySplit)
        {
            list.Sort(CompareRows);
            DatasetRow.WriteAll(output.Split(name), list);
        }

        var vocabulary = FeatureVocabulary.Fit(bySplit["train"].Select(r => r.Features), options.MaxAsns);
        File.WriteAllText(output.Vocabulary, vocabulary.ToJson());

        var all = bySplit.SelectMany(kv => kv.Value).ToList();
        var temporal = options.Temporal.Enabled ? WriteTemporal(bySplit, options, output) : null;
        var summary = new DatasetSummary
        {
            Splits = [.. SplitNames.Select(s => Counts(s, bySplit[s]))],
            Sources = [.. all
                .SelectMany(r => r.Sources.Split('|').Select(src => (src, r.Malicious)))
                .GroupBy(t => t.src)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new SourceCounts(g.Key, g.LongCount(t => t.Malicious), g.LongCount(t => !t.Malicious)))],
            HourSources = [.. all.GroupBy(r => r.HourSource).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new HourSourceCounts(g.Key, g.LongCount(r => r.Malicious), g.LongCount(r => !r.Malicious)))],
            AddressesSampledOut = sampledOut,
            Unlocated = all.LongCount(r => r.Features.Latitude is null),
            WithoutAsn = all.LongCount(r => r.Features.Asn is null),
            GroupsInSeveralSplits = all.GroupBy(r => r.Group).LongCount(g => g.Select(r => SplitOf(r.Group, options.Split, seed)).Distinct().Count() > 1),
            Geo = geo.Databases,
            Temporal = temporal,
        };
        File.WriteAllText(output.Summary, JsonSerializer.Serialize(summary, RunStore.JsonOptions));
        log.Info("dataset: " + string.Join(", ", summary.Splits.Select(s => $"{s.Split} {s.Rows:N0} rows ({s.Malicious:N0} malicious / {s.Benign:N0} benign)")));
    }

    /// <summary>
    /// Refuses, before anything is written, a group split whose train or valid rows lack malicious or benign rows: no
    /// candidate could be trained or given a threshold. Names the counts and the run's feeds of the missing label
    /// (with their observations and warnings, from the observations summary) so the user knows which feeds to check.
    /// </summary>
    private static void CheckLabels(Dictionary<string, List<DatasetRow>> bySplit, ObservationsFiles observations)
    {
        var missing = new List<(string Split, string Label)>();
        foreach (var split in new[] { "train", "valid" })
        {
            if (!bySplit[split].Any(r => r.Malicious))
            {
                missing.Add((split, "malicious"));
            }

            if (bySplit[split].All(r => r.Malicious))
            {
                missing.Add((split, "benign"));
            }
        }

        if (missing.Count == 0)
        {
            return;
        }

        var counts = string.Join("; ", new[] { "train", "valid", "test" }.Select(s => $"{s} {bySplit[s].Count(r => r.Malicious):N0} malicious, {bySplit[s].Count(r => !r.Malicious):N0} benign"));
        var feeds = JsonSerializer.Deserialize<ObservationsSummary>(File.ReadAllText(observations.Summary))?.Feeds ?? [];
        var advice = string.Join(" ", missing.Select(m => m.Label).Distinct().Select(label =>
        {
            var of = feeds.Where(f => f.Label == label || f.Label == "labelled").ToList();
            return of.Count == 0
                ? $"No feed of this run gives {label} rows: add one to the experiment's observations.include (or stop excluding it)."
                : $"Check the {label} feeds of this run in the feed registry and the snapshot or download: {string.Join(", ", of.Select(f => $"{f.Feed} ({f.Observations:N0} observations{(f.Warning is { } w ? $"; {w}" : "")})"))}.";
        }));
        throw new InvalidDataException(
            $"dataset: the group split has no {string.Join(" and no ", missing.Select(m => $"{m.Label} rows in {m.Split}"))} ({counts}), so no model can be trained or given a threshold. {advice}");
    }

    /// <summary>
    /// The temporal holdout: malicious rows by the date they were last seen or listed, benign rows as in the group
    /// split; groups of an earlier split are purged from the later ones; its own vocabulary from its training rows.
    /// </summary>
    private static TemporalSummary WriteTemporal(Dictionary<string, List<DatasetRow>> bySplit, DatasetOptions options, DatasetFiles output)
    {
        var t = options.Temporal;
        var splits = SplitNames.ToDictionary(s => s, _ => new List<DatasetRow>());
        long undated = 0;
        foreach (var (groupSplit, rows) in bySplit)
        {
            foreach (var row in rows)
            {
                if (!row.Malicious)
                {
                    splits[groupSplit].Add(row);
                }
                else if (row.LastSeen is not { } seen)
                {
                    undated++;
                }
                else
                {
                    splits[seen < t.ValidFrom ? "train" : seen < t.TestFrom ? "valid" : "test"].Add(row);
                }
            }
        }

        long purged = 0;
        var earlier = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in SplitNames)
        {
            purged += splits[name].RemoveAll(r => earlier.Contains(r.Group));
            earlier.UnionWith(splits[name].Select(r => r.Group));
        }

        var files = output.Scheme(Runs.SplitSchemes.Temporal);
        string[] paths = [files.Train, files.Valid, files.Test];
        for (var i = 0; i < SplitNames.Count; i++)
        {
            splits[SplitNames[i]].Sort(CompareRows);
            DatasetRow.WriteAll(paths[i], splits[SplitNames[i]]);
        }

        File.WriteAllText(files.Vocabulary, FeatureVocabulary.Fit(splits["train"].Select(r => r.Features), options.MaxAsns).ToJson());
        return new TemporalSummary
        {
            ValidFrom = t.ValidFrom,
            TestFrom = t.TestFrom,
            Splits = [.. SplitNames.Select(s => Counts(s, splits[s]))],
            UndatedMalicious = undated,
            Purged = purged,
            Sources = SplitNames.ToDictionary(
                s => s,
                s => (IReadOnlyList<string>)[.. splits[s].Where(r => r.Malicious).SelectMany(r => r.Sources.Split('|'))
                    .GroupBy(x => x).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5).Select(g => $"{g.Key} {g.Count()}")]),
        };
    }

    /// <summary>Seeded group split: the same group always lands in the same split.</summary>
    public static string SplitOf(string group, SplitOptions split, int seed)
    {
        var u = Hashing.SeededUnit(seed, "split:" + group);
        return u < split.Train ? "train" : u < split.Train + split.Valid ? "valid" : "test";
    }

    private static SplitCounts Counts(string split, List<DatasetRow> rows) => new(
        split,
        rows.Count,
        rows.LongCount(r => r.Malicious),
        rows.LongCount(r => !r.Malicious),
        rows.Select(r => r.Features.Address).Distinct().LongCount(),
        rows.Select(r => r.Group).Distinct().LongCount());

    private static int CompareRows(DatasetRow a, DatasetRow b)
    {
        var c = string.CompareOrdinal(a.Group, b.Group);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(a.Features.Address.ToString(), b.Features.Address.ToString());
        return c != 0 ? c : Nullable.Compare(a.Features.Hour, b.Features.Hour);
    }

    /// <summary>What the observations say about one address.</summary>
    internal sealed class AddressFacts(IPAddress address, bool malicious)
    {
        public IPAddress Address { get; } = address;

        public bool Malicious { get; } = malicious;

        public double[] HourWeights { get; } = new double[24];

        public DateTimeOffset? FirstSeen { get; set; }

        public DateTimeOffset? LastSeen { get; set; }

        public SortedSet<string> Sources { get; } = new(StringComparer.Ordinal);
    }

    private static List<AddressFacts> ReadAddresses(string path, CancellationToken cancellationToken)
    {
        var facts = new Dictionary<(IPAddress, bool), AddressFacts>();
        var lineNo = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (++lineNo == 1)
            {
                continue;
            }

            if ((lineNo & 0xffff) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Observation o;
            try
            {
                o = Observation.Parse(line);
            }
            catch (FormatException e)
            {
                throw new InvalidDataException($"{path}: line {lineNo}: {e.Message}", e);
            }

            if (!facts.TryGetValue((o.Address, o.Malicious), out var f))
            {
                f = new AddressFacts(o.Address, o.Malicious);
                facts[(o.Address, o.Malicious)] = f;
            }

            f.Sources.Add(o.Source);
            if (o.SeenAt is { } seen)
            {
                f.HourWeights[seen.UtcDateTime.Hour] += o.Weight;
            }

            if ((o.SeenAt ?? o.ListedAt) is { } when)
            {
                f.FirstSeen = f.FirstSeen is null || when < f.FirstSeen ? when : f.FirstSeen;
                f.LastSeen = f.LastSeen is null || when > f.LastSeen ? when : f.LastSeen;
            }
        }

        return [.. facts.Values];
    }

    private static (List<AddressFacts> Kept, long SampledOut) SampleAddresses(List<AddressFacts> addresses, int? maxPerLabel, int seed)
    {
        if (maxPerLabel is not { } cap)
        {
            return (addresses, 0);
        }

        var kept = addresses
            .GroupBy(a => a.Malicious)
            .SelectMany(g => g.OrderBy(a => Hashing.Seeded(seed, "sample:" + a.Address)).ThenBy(a => a.Address.ToString(), StringComparer.Ordinal).Take(cap))
            .ToList();
        return (kept, addresses.Count - kept.Count);
    }

    private static DatasetRow[] RowsOf(AddressFacts a, DatasetOptions options, int seed, FeatureEnricher enricher)
    {
        var sources = string.Join('|', a.Sources);
        var group = IpGroups.Key(a.Address);
        var hours = Enumerable.Range(0, 24)
            .Where(h => a.HourWeights[h] > 0)
            .OrderByDescending(h => a.HourWeights[h])
            .ThenBy(h => h)
            .Take(options.MaxRowsPerAddress)
            .ToList();
        var located = enricher.Enrich(a.Address, null); // one geo lookup per address, whatever its hours
        DatasetRow Row(int? hour, string source) => new(located with { Hour = hour }, group, a.Malicious, source, a.FirstSeen, a.LastSeen, sources);
        if (hours.Count > 0)
        {
            return [.. hours.Order().Select(h => Row(h, DatasetRow.HourFromRow))];
        }

        return options.MissingHour == "uniform"
            ? [Row((int)(Hashing.Seeded(seed, "hour:" + a.Address) % 24), DatasetRow.HourDrawn)]
            : [Row(null, DatasetRow.HourUnknown)];
    }
}

public sealed record DatasetResult(StageOutcome Outcome, DatasetSummary Summary);
