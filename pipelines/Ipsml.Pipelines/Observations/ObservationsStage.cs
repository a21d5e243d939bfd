using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Features.Inputs;
using Ipsml.Features.Net;
using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Runs;

namespace Ipsml.Pipelines.Observations;

/// <summary>
/// observations: reads every fetched file with its feed's reader and writes one row per (address, hour seen or
/// none, label, source) with a weight. Private, reserved and bogon space is dropped and counted; networks follow
/// <see cref="NetworkPolicy"/>; sightings of the same address, hour, label and source are merged; addresses listed
/// both malicious and benign follow the conflict rule. Every dropped line is counted by feed and reason and
/// listed with file and line in drops.csv.
/// </summary>
public sealed class ObservationsStage(RunLayout layout, IPipelineLog log)
{
    public ObservationsResult Run(string fetchKey, ObservationsOptions options, int seed, bool force, CancellationToken cancellationToken)
    {
        Validate(options);
        var fetch = layout.Fetch(fetchKey);
        var inputs = new JsonObject
        {
            ["fetch"] = fetchKey,
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["seed"] = seed,
            ["traffic"] = new JsonArray([.. options.Traffic.Select(t => (JsonNode)JsonValue.Create(Hashing.Sha256File(t.Path)))]),
        };
        var outcome = new StageRunner(layout).Run(StageNames.Observations, inputs, force, dir =>
            Build(fetch, options, seed, new ObservationsFiles(dir), cancellationToken));
        var files = layout.Observations(outcome.Key);
        var summary = JsonSerializer.Deserialize<ObservationsSummary>(File.ReadAllText(files.Summary))!;
        return new ObservationsResult(outcome, summary);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value of the observations section.</summary>
    internal static void Validate(ObservationsOptions o)
    {
        if (!ObservationsOptions.ConflictRules.Contains(o.Conflicts))
        {
            throw new ArgumentException($"observations.conflicts: '{o.Conflicts}' is not one of {string.Join(", ", ObservationsOptions.ConflictRules)}");
        }

        if (o.Networks.AddressesPerNetwork is < 1 or > 1024 || o.Networks.AddressesPerBenignNetwork is < 1 or > 1024)
        {
            throw new ArgumentException($"observations.networks: addressesPerNetwork ({o.Networks.AddressesPerNetwork}) and addressesPerBenignNetwork ({o.Networks.AddressesPerBenignNetwork}) must be 1..1024");
        }

        foreach (var t in o.Traffic)
        {
            if (!TrafficInput.Labels.Contains(t.Label))
            {
                throw new ArgumentException($"observations.traffic '{t.Name}': label '{t.Label}' is not one of {string.Join(", ", TrafficInput.Labels)}");
            }

            if (!File.Exists(t.Path))
            {
                throw new ArgumentException($"observations.traffic '{t.Name}': {t.Path} does not exist");
            }

            FeedReaders.ValidateOptions(t.Format, t.Options);
        }

        if (o.Networks.MinPrefixLengthV4 is < 0 or > 32 || o.Networks.MinPrefixLengthV6 is < 0 or > 128)
        {
            throw new ArgumentException("observations.networks: minimum prefix lengths must be 0..32 (IPv4) and 0..128 (IPv6)");
        }
    }

    private void Build(FetchFiles fetch, ObservationsOptions options, int seed, ObservationsFiles output, CancellationToken cancellationToken)
    {
        var registry = FeedRegistry.Load(fetch.Registry);
        var sources = JsonSerializer.Deserialize<FetchedSources>(File.ReadAllText(fetch.Sources))
            ?? throw new InvalidDataException($"{fetch.Sources}: empty");
        var feeds = options.SelectFeeds(registry);
        var merged = new Dictionary<(IPAddress Ip, DateTimeOffset? Seen, bool Malicious, string Source), (double Weight, DateTimeOffset? Listed)>();
        var summaries = new List<FeedSummary>();

        using var drops = new StreamWriter(output.Drops, false, new UTF8Encoding(false));
        drops.WriteLine("feed,file,line,reason,detail");
        using (var step = log.Step("observations: reading feeds", feeds.Count))
        {
            foreach (var feed in feeds)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var fetched = sources.Feeds.FirstOrDefault(f => f.Feed == feed.Name);
                var summary = new FeedSummary
                {
                    Feed = feed.Name,
                    Label = feed.Label,
                    Format = feed.Format,
                    Time = feed.Time,
                    Files = fetched?.Files.Count ?? 0,
                    Warning = fetched is null ? "not fetched" : fetched.Warning,
                };
                if (summary.Warning is not null)
                {
                    log.Warn($"{feed.Name}: {summary.Warning}");
                }

                foreach (var file in fetched?.Files ?? [])
                {
                    ReadFile(feed, file, options.Networks, seed, summary, merged, drops, cancellationToken);
                }

                summaries.Add(summary);
                step.Advance();
            }
        }

        var unlabelled = new Dictionary<(IPAddress Ip, DateTimeOffset? Seen, bool Malicious, string Source), (double Weight, DateTimeOffset? Listed)>();
        foreach (var traffic in options.Traffic)
        {
            var feed = new FeedDefinition { Name = traffic.Name, Label = traffic.Label, Format = traffic.Format, Licence = "the user's own traffic", Time = "row", Options = traffic.Options, Snapshot = [traffic.Path] };
            var summary = new FeedSummary { Feed = feed.Name, Label = feed.Label, Format = feed.Format, Time = feed.Time, Files = 1 };
            var file = new FetchedFile { Origin = traffic.Path, Path = traffic.Path, Sha256 = Hashing.Sha256File(traffic.Path), Bytes = new FileInfo(traffic.Path).Length, Status = "local" };
            ReadFile(feed, file, options.Networks, seed, summary, traffic.Label == "benign" ? merged : unlabelled, drops, cancellationToken);
            summaries.Add(summary);
        }

        var (conflicts, examples) = ResolveConflicts(merged, options.Conflicts, summaries);
        var rows = merged
            .Select(kv => new Observation(kv.Key.Ip, kv.Key.Seen, kv.Value.Listed, kv.Key.Malicious, kv.Key.Source, kv.Value.Weight))
            .OrderBy(o => o.Address.ToString(), StringComparer.Ordinal)
            .ThenBy(o => o.SeenAt)
            .ThenBy(o => o.Source, StringComparer.Ordinal)
            .ThenBy(o => o.Malicious)
            .ToList();
        using (var writer = new StreamWriter(output.Rows, false, new UTF8Encoding(false)))
        {
            writer.WriteLine(Observation.Header);
            foreach (var row in rows)
            {
                writer.WriteLine(row.ToCsv());
            }
        }

        WriteConflicts(output.Conflicts, conflicts);
        CountPerFeed(rows, summaries);
        CountUnlabelled(unlabelled, rows, summaries);

        var dropped = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (reason, n) in summaries.SelectMany(s => s.Dropped))
        {
            dropped[reason] = dropped.GetValueOrDefault(reason) + n;
        }

        var byAddress = rows.GroupBy(r => r.Address).ToList();
        var summaryJson = new ObservationsSummary
        {
            Feeds = summaries,
            Observations = rows.Count,
            UniqueAddresses = byAddress.Count,
            MaliciousAddresses = byAddress.Count(g => g.Any(r => r.Malicious)),
            BenignAddresses = byAddress.Count(g => g.Any(r => !r.Malicious)),
            Conflicts = conflicts.Count,
            ConflictRule = options.Conflicts,
            ConflictExamples = examples,
            Dropped = dropped,
        };
        File.WriteAllText(output.Summary, JsonSerializer.Serialize(summaryJson, RunStore.JsonOptions));
        log.Info($"observations: {rows.Count:N0} rows, {summaryJson.MaliciousAddresses:N0} malicious and {summaryJson.BenignAddresses:N0} benign addresses, {dropped.Values.Sum():N0} dropped, {conflicts.Count:N0} conflicts ({options.Conflicts})");
    }

    /// <summary>Rows, unique addresses and overlaps with other feeds, per feed.</summary>
    private static void CountPerFeed(List<Observation> rows, List<FeedSummary> summaries)
    {
        var feedsOf = new Dictionary<IPAddress, List<string>>();
        foreach (var r in rows)
        {
            if (!feedsOf.TryGetValue(r.Address, out var feeds))
            {
                feedsOf[r.Address] = feeds = new List<string>(2);
            }

            if (!feeds.Contains(r.Source))
            {
                feeds.Add(r.Source);
            }
        }

        var bySource = summaries.ToDictionary(s => s.Feed);
        var pairs = new Dictionary<(string, string), long>();
        foreach (var r in rows)
        {
            bySource[r.Source].Observations++;
        }

        foreach (var feeds in feedsOf.Values)
        {
            foreach (var f in feeds)
            {
                bySource[f].UniqueAddresses++;
                if (feeds.Count > 1)
                {
                    bySource[f].SharedAddresses++;
                    foreach (var other in feeds.Where(o => o != f))
                    {
                        pairs[(f, other)] = pairs.GetValueOrDefault((f, other)) + 1;
                    }
                }
            }
        }

        foreach (var s in summaries)
        {
            s.Overlaps = new SortedDictionary<string, long>(
                pairs.Where(kv => kv.Key.Item1 == s.Feed)
                    .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal)
                    .Take(3)
                    .ToDictionary(kv => kv.Key.Item2, kv => kv.Value),
                StringComparer.Ordinal);
        }
    }

    /// <summary>Unlabelled traffic is never trained on: its addresses are counted and matched against the feeds' observations.</summary>
    private static void CountUnlabelled(
        Dictionary<(IPAddress Ip, DateTimeOffset? Seen, bool Malicious, string Source), (double Weight, DateTimeOffset? Listed)> unlabelled,
        List<Observation> rows,
        List<FeedSummary> summaries)
    {
        var listedBy = rows.Where(r => r.Malicious).GroupBy(r => r.Address).ToDictionary(g => g.Key, g => g.Select(r => r.Source).Distinct().ToList());
        foreach (var group in unlabelled.Keys.GroupBy(k => k.Source))
        {
            var s = summaries.First(f => f.Feed == group.Key);
            var addresses = group.Select(k => k.Ip).Distinct().ToList();
            s.UniqueAddresses = addresses.Count;
            var listed = addresses.Where(listedBy.ContainsKey).ToList();
            s.SharedAddresses = listed.Count;
            s.Overlaps = new SortedDictionary<string, long>(
                listed.SelectMany(a => listedBy[a]).GroupBy(f => f).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(3)
                    .ToDictionary(g => g.Key, g => (long)g.Count()),
                StringComparer.Ordinal);
        }
    }

    private void ReadFile(
        FeedDefinition feed,
        FetchedFile file,
        NetworkPolicy policy,
        int seed,
        FeedSummary summary,
        Dictionary<(IPAddress, DateTimeOffset?, bool, string), (double, DateTimeOffset?)> merged,
        StreamWriter drops,
        CancellationToken cancellationToken)
    {
        var format = file.Format ?? feed.Format;
        if (format == FetchStage.TopListFormat)
        {
            // A top list of names: addresses need DNS, which only live fetches do. Offline the names are counted, not used.
            var (entries, _) = TopListFile.Read(file.Path, int.MaxValue);
            var note = $"{entries.Count:N0} names in {file.Origin} not resolved (DNS resolution runs in live fetches only)";
            summary.Warning = summary.Warning is null ? note : summary.Warning + "; " + note;
            return;
        }

        var reader = FeedReaders.Get(format);
        var context = new FeedReadContext(file.Origin, feed.Options);
        var kept = new List<(IPAddress Ip, DateTimeOffset? Seen, bool Malicious, double Weight)>();

        void Drop(long line, DropReason reason, string detail)
        {
            var key = reason.ToString();
            summary.Dropped[key] = summary.Dropped.GetValueOrDefault(key) + 1;
            if (summary.DropExamples.Count < 3)
            {
                summary.DropExamples.Add($"{file.Origin}:{line} {key} {detail}");
            }

            drops.Write(feed.Name);
            drops.Write(',');
            drops.Write(Csv(file.Origin));
            drops.Write(',');
            drops.Write(line);
            drops.Write(',');
            drops.Write(key);
            drops.Write(',');
            drops.WriteLine(Csv(detail));
        }

        using (var text = FeedFile.OpenText(file.Path))
        {
            var n = 0;
            foreach (var item in reader.Read(text, context))
            {
                if ((++n & 0xffff) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                summary.Lines++;
                if (item.Drop is { } d)
                {
                    Drop(d.Line, d.Reason, d.Detail);
                    continue;
                }

                var r = item.Record!.Value;
                bool malicious;
                if (feed.Label == "labelled")
                {
                    var label = LabelOf(r.Label);
                    if (label is null)
                    {
                        Drop(r.Line, DropReason.Unlabelled, $"label '{r.Label}'");
                        continue;
                    }

                    malicious = label.Value;
                }
                else
                {
                    malicious = feed.Label == "malicious";
                }

                DateTimeOffset? seen = feed.Time == "row" && r.SeenAt is { } t ? Observation.TruncateToHour(t) : null;
                if (seen is not null)
                {
                    summary.RowsWithTime++;
                    if (summary.NewestRow is null || r.SeenAt > summary.NewestRow)
                    {
                        summary.NewestRow = r.SeenAt;
                    }
                }

                if (r.Address is { } address)
                {
                    address = Normalise(address);
                    if (AddressSpace.Classify(address) is { } reason)
                    {
                        Drop(r.Line, reason, address.ToString());
                        continue;
                    }

                    kept.Add((address, seen, malicious, r.Weight));
                    continue;
                }

                var network = r.Network!.Value;
                summary.Networks++;
                if (AddressSpace.ClassifyNetwork(network) is { } netReason)
                {
                    Drop(r.Line, netReason, network.ToString());
                    continue;
                }

                var v4 = network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
                if (network.PrefixLength < (v4 ? policy.MinPrefixLengthV4 : policy.MinPrefixLengthV6))
                {
                    Drop(r.Line, DropReason.NetworkTooLarge, $"{network} is shorter than /{(v4 ? policy.MinPrefixLengthV4 : policy.MinPrefixLengthV6)}");
                    continue;
                }

                foreach (var sampled in NetworkSampler.Sample(network, malicious ? policy.AddressesPerNetwork : policy.AddressesPerBenignNetwork, seed))
                {
                    if (AddressSpace.Classify(sampled) is null)
                    {
                        kept.Add((sampled, seen, malicious, r.Weight));
                    }
                }
            }
        }

        summary.SkippedLines += context.SkippedLines;
        if (context.HeaderDate is { } header && (summary.HeaderDate is null || header > summary.HeaderDate))
        {
            summary.HeaderDate = header;
        }

        // The header date may come last (Spamhaus DROP's metadata line), so it is applied once the file is read.
        DateTimeOffset? listed = context.HeaderDate;
        foreach (var (ip, seen, malicious, weight) in kept)
        {
            var key = (ip, seen, malicious, feed.Name);
            var (w, l) = merged.GetValueOrDefault(key);
            merged[key] = (w + weight, Max(l, listed));
        }

        summary.Kept += kept.Count;
    }

    private static (List<(IPAddress Ip, string Malicious, string Benign)> Conflicts, List<string> Examples) ResolveConflicts(
        Dictionary<(IPAddress Ip, DateTimeOffset? Seen, bool Malicious, string Source), (double Weight, DateTimeOffset? Listed)> merged,
        string rule,
        List<FeedSummary> summaries)
    {
        var bySide = merged.Keys.GroupBy(k => k.Ip)
            .Where(g => g.Any(k => k.Malicious) && g.Any(k => !k.Malicious))
            .Select(g => (
                Ip: g.Key,
                Malicious: string.Join('|', g.Where(k => k.Malicious).Select(k => k.Source).Distinct().Order(StringComparer.Ordinal)),
                Benign: string.Join('|', g.Where(k => !k.Malicious).Select(k => k.Source).Distinct().Order(StringComparer.Ordinal))))
            .OrderBy(c => c.Ip.ToString(), StringComparer.Ordinal)
            .ToList();
        var conflicted = bySide.Select(c => c.Ip).ToHashSet();
        var remove = merged.Keys.Where(k => conflicted.Contains(k.Ip) && rule switch
        {
            "drop" => true,
            "malicious" => !k.Malicious,
            _ => k.Malicious,
        }).ToList();
        foreach (var key in remove)
        {
            merged.Remove(key);
            summaries.First(f => f.Feed == key.Source).Conflicts++;
        }

        return (bySide, [.. bySide.Take(10).Select(c => $"{c.Ip} (malicious: {c.Malicious}; benign: {c.Benign})")]);
    }

    private static void WriteConflicts(string path, List<(IPAddress Ip, string Malicious, string Benign)> conflicts)
    {
        var sb = new StringBuilder("ip,malicious_sources,benign_sources\n");
        foreach (var c in conflicts)
        {
            sb.Append(c.Ip).Append(',').Append(c.Malicious).Append(',').Append(c.Benign).Append('\n');
        }

        File.WriteAllText(path, sb.ToString());
    }

    /// <summary>Stratosphere-style labels: "Malicious…" → true, "Benign…"/"Normal…" → false, anything else (Background, Unknown) → none.</summary>
    internal static bool? LabelOf(string? label)
    {
        if (label is null)
        {
            return null;
        }

        var l = label.Trim();
        if (l.StartsWith("malicious", StringComparison.OrdinalIgnoreCase) || l.StartsWith("botnet", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (l.StartsWith("benign", StringComparison.OrdinalIgnoreCase) || l.StartsWith("normal", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        return null;
    }

    private static IPAddress Normalise(IPAddress a) => a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : (a > b ? a : b);

    private static string Csv(string s) => s.Contains(',') || s.Contains('"') || s.Contains('\n')
        ? "\"" + s.Replace("\"", "\"\"").Replace("\n", " ") + "\""
        : s;
}

public sealed record ObservationsResult(StageOutcome Outcome, ObservationsSummary Summary);
