using System.Globalization;
using System.Text;
using Ipsml.Pipelines.Evaluate;

namespace Ipsml.Pipelines.Report;

/// <summary>The run report in Markdown, fit for a pull-request comment: the summary first, then the numbers that hurt.</summary>
public static class MarkdownReport
{
    /// <summary>The whole report, sections in order.</summary>
    public static string Render(ReportData data) => string.Concat(Sections(data).Select(s => s.Markdown));

    /// <summary>The report's sections; the HTML report renders the same sections.</summary>
    public static IReadOnlyList<ReportSection> Sections(ReportData data)
    {
        var facts = data.Facts;
        var sections = new List<ReportSection>
        {
            Section(ReportSection.Summary, sb => AppendSummary(sb, data)),
            Section("candidates", sb => AppendMetrics(sb, data)),
            Section("gate", sb => AppendGate(sb, data)),
            Section(ReportSection.Plots, sb => AppendPlots(sb, data)),
            Section("errors", sb => AppendErrors(sb, data)),
            Section("slices", sb => AppendSlices(sb, data)),
            Section("importance", sb => AppendImportance(sb, data)),
            Section("feature-sets", sb => AppendFeatureSets(sb, facts)),
            Section("temporal", sb => AppendTemporal(sb, facts)),
            Section("data-changes", sb => AppendDataChanges(sb, data)),
            Section("data", sb => AppendData(sb, facts)),
            Section("dataset", sb => AppendDataset(sb, facts)),
            Section("notes", sb => AppendNotes(sb, facts)),
        };
        return [.. sections.Where(s => s.Markdown.Length > 0)];
    }

    private static ReportSection Section(string id, Action<StringBuilder> append)
    {
        var sb = new StringBuilder();
        append(sb);
        return new ReportSection(id, sb.ToString());
    }

    private static void AppendSummary(StringBuilder sb, ReportData data)
    {
        var facts = data.Facts;
        var m = facts.Metrics;
        var winner = m.Get(m.Winner);
        var q = winner.Quality;
        sb.Append($"# ipsml run `{facts.Run.Id}`: experiment `{facts.Run.Experiment}`\n\n");
        sb.Append($"**Winner: `{winner.Candidate}`** ({winner.Kind}) by {m.Metric}: PR-AUC {Format.P(q.PrAuc)} (no-skill {Format.P(q.PrAucBaseline)}), ROC-AUC {Format.P(q.RocAuc)}; ");
        sb.Append($"at {Format.Pct(m.Prevalence)} malicious traffic it flags {Format.P(q.AtPrevalence.AlertsPer10k, 1)} connections per 10k, {Format.P(q.AtPrevalence.FalseAlertsPer10k, 1)} of them benign (precision {Format.P(q.AtPrevalence.Precision)}, recall {Format.P(q.AtPrevalence.Recall)}).\n\n");
        sb.Append(GateLine(data)).Append("\n\n");
        sb.Append($"Code `{facts.Run.GitCommit ?? "outside git"}`, seed {facts.Run.Seed}, data from {facts.Sources.Mode}{(facts.Sources.SnapshotDir is { } d ? $" `{d}`" : "")}.\n\n");
    }

    /// <summary>The one-line verdict of the gate, or that there is none.</summary>
    public static string GateLine(ReportData data)
    {
        if (data.Gate is not { } g)
        {
            return $"**Gate: no gate decision** (`runs/{data.Facts.Run.Id}/{Gate.GateDecision.FileName}` has not been written; the winner is not cleared for publishing).";
        }

        var verdict = g.Passed ? "**Gate: passed**" : "**Gate: failed**";
        var metric = MetricValue(g.CandidateMetrics, g.Metric);
        var against = g.ChampionMetrics is { } c
            ? $"`{g.Candidate}` against champion `{g.ChampionVersion}`{(g.Comparison is { Excluded: > 0 } x ? $" on the {Format.N(x.Rows)} test rows neither trained on" : "")}: {g.Metric} {Format.P(metric)} vs {Format.P(MetricValue(c, g.Metric))} ({Format.Delta(metric, MetricValue(c, g.Metric))}; allowed drop {Format.P(g.Tolerance)})"
            : g.ChampionVersion is { } version
                ? $"`{g.Candidate}` against champion `{version}`: not comparable"
                : $"`{g.Candidate}`: {g.Metric} {Format.P(metric)}, no champion yet";
        var failed = g.Checks.Where(x => !x.Passed).ToList();
        return $"{verdict} — {against}" + (failed.Count > 0 ? $"; failed: {string.Join("; ", failed.Select(x => $"{x.Name} ({x.Detail})"))}" : "") + ".";
    }

    private static double MetricValue(CandidateMetrics c, string metric)
    {
        try
        {
            return EvaluationReport.Value(c.Quality, metric);
        }
        catch (ArgumentException)
        {
            return double.NaN;
        }
    }

    private static void AppendMetrics(StringBuilder sb, ReportData data)
    {
        var m = data.Facts.Metrics;
        var champion = data.Gate?.ChampionMetrics;
        var championName = $"_champion {data.Gate?.ChampionVersion}_";
        sb.Append("## Candidates on the held-out test split (group split by /24)\n\n");
        sb.Append($"Threshold chosen on the validation split ({m.ThresholdRule}). Rows of the test split: {Format.N(m.Candidates[0].Quality.Rows)} ");
        sb.Append($"({Format.N(m.Candidates[0].Quality.Malicious)} malicious, {Format.N(m.Candidates[0].Quality.Benign)} benign).");
        if (champion is not null)
        {
            sb.Append($" The champion (`{data.Gate!.ChampionVersion}`, re-scored by the gate with its own vocabulary and threshold) and the winner's change against it close the table");
            sb.Append(data.Gate.Comparison is { Excluded: > 0 } x
                ? $", both on the {Format.N(x.Rows)} test rows whose /24 was in the champion's test split too ({Format.N(x.Excluded)} rows it trained or validated on left out); the winner's row on those rows is shown beside it."
                : ".");
        }

        sb.Append("\n\n");
        var t = new MarkdownTable("candidate", "kind", "PR-AUC:", "no-skill PR-AUC:", "ROC-AUC:", "P@R0.8:", "P@R0.9:", "threshold:", "precision:", "recall:", "F1:", "FPR:", "ECE:", "size:", "train s:", "rows/s:");
        void Add(string name, CandidateMetrics c)
        {
            var q = c.Quality;
            t.Row(name, c.Kind, Format.P(q.PrAuc), Format.P(q.PrAucBaseline), Format.P(q.RocAuc),
                Format.P(q.PrecisionAtRecall80), Format.P(q.PrecisionAtRecall90), Format.P(q.Threshold), Format.P(q.Precision), Format.P(q.Recall), Format.P(q.F1),
                Format.P(q.FalsePositiveRate), Format.P(q.Calibration.ExpectedCalibrationError), Format.Bytes(c.Cost.SizeBytes), Format.P(c.Cost.TrainingSeconds, 1), Format.N((long)c.Cost.ScoringRowsPerSecond));
        }

        foreach (var c in m.Candidates)
        {
            Add(c.Candidate == m.Winner ? $"**{c.Candidate}**" : c.Candidate, c);
        }

        if (champion is not null)
        {
            // The deltas compare like with like: the winner as the gate measured it, on the champion's rows.
            var w = data.Gate!.CandidateMetrics;
            if (data.Gate.Comparison is { Excluded: > 0 })
            {
                Add($"_{w.Candidate} on the shared rows_", w);
            }

            Add(championName, champion);
            var (a, b) = (w.Quality, champion.Quality);
            t.Row("_Δ winner − champion_", "", Format.Delta(a.PrAuc, b.PrAuc), Format.Delta(a.PrAucBaseline, b.PrAucBaseline), Format.Delta(a.RocAuc, b.RocAuc),
                Format.Delta(a.PrecisionAtRecall80, b.PrecisionAtRecall80), Format.Delta(a.PrecisionAtRecall90, b.PrecisionAtRecall90), "", Format.Delta(a.Precision, b.Precision),
                Format.Delta(a.Recall, b.Recall), Format.Delta(a.F1, b.F1), Format.Delta(a.FalsePositiveRate, b.FalsePositiveRate),
                Format.Delta(a.Calibration.ExpectedCalibrationError, b.Calibration.ExpectedCalibrationError), Format.SignedBytes(w.Cost.SizeBytes - champion.Cost.SizeBytes),
                Format.Delta(w.Cost.TrainingSeconds, champion.Cost.TrainingSeconds, 1), Format.SignedN((long)w.Cost.ScoringRowsPerSecond - (long)champion.Cost.ScoringRowsPerSecond));
        }

        sb.Append(t).Append('\n');
        sb.Append($"### Re-weighted to {Format.Pct(m.Prevalence)} malicious connections\n\n");
        sb.Append("The feeds give far more malicious addresses than the benign side gives benign ones; real traffic is the opposite. ");
        sb.Append("These rows re-weight the test split's benign rows to the configured prevalence. A model that calls everything malicious is shown for comparison.\n\n");
        var p = new MarkdownTable("candidate", "precision:", "recall:", "PR-AUC:", "alerts / 10k:", "false alerts / 10k:");
        foreach (var c in m.Candidates)
        {
            var a = c.Quality.AtPrevalence;
            p.Row(c.Candidate, Format.P(a.Precision), Format.P(a.Recall), Format.P(a.PrAuc), Format.P(a.AlertsPer10k, 1), Format.P(a.FalseAlertsPer10k, 1));
        }

        if (champion is not null)
        {
            var a = data.Gate!.CandidateMetrics.Quality.AtPrevalence;
            var b = champion.Quality.AtPrevalence;
            p.Row(championName, Format.P(b.Precision), Format.P(b.Recall), Format.P(b.PrAuc), Format.P(b.AlertsPer10k, 1), Format.P(b.FalseAlertsPer10k, 1));
            p.Row("_Δ winner − champion_", Format.Delta(a.Precision, b.Precision), Format.Delta(a.Recall, b.Recall), Format.Delta(a.PrAuc, b.PrAuc), Format.Delta(a.AlertsPer10k, b.AlertsPer10k, 1), Format.Delta(a.FalseAlertsPer10k, b.FalseAlertsPer10k, 1));
        }

        var all = m.Candidates[0].Quality.AllMalicious;
        p.Row("_everything malicious_", Format.P(all.Precision), Format.P(all.Recall), Format.P(all.PrAuc), Format.P(all.AlertsPer10k, 1), Format.P(all.FalseAlertsPer10k, 1));
        sb.Append(p).Append('\n');
    }

    private static void AppendGate(StringBuilder sb, ReportData data)
    {
        if (data.Gate is not { } g)
        {
            return;
        }

        sb.Append("## Gate\n\n");
        sb.Append($"From `runs/{data.Facts.Run.Id}/{Gate.GateDecision.FileName}`: {(g.Passed ? "the winner may be published" : "the winner may not be published")}. ");
        sb.Append($"Limits: {g.Metric} may drop at most {Format.P(g.Tolerance)} against the champion, size at most {Format.Bytes(g.MaxSizeBytes)}, latency at most {Format.P(g.MaxLatencyMicroseconds, 1)} µs.\n\n");
        if (g.Comparison is { } x)
        {
            sb.Append($"Compared on {x.Summary}.{(x.Warning is { } w ? $" **Warning:** {w}." : "")}\n\n");
        }

        var t = new MarkdownTable("check", "result", "detail");
        foreach (var c in g.Checks)
        {
            t.Row(c.Name, c.Passed ? "pass" : "**fail**", c.Detail);
        }

        sb.Append(t).Append('\n');
    }

    private static void AppendPlots(StringBuilder sb, ReportData data)
    {
        if (data.Plots.Count == 0)
        {
            return;
        }

        sb.Append("## Plots\n\n");
        sb.Append("PNG files beside this report (`report.html` shows them inline):\n\n");
        foreach (var p in data.Plots)
        {
            sb.Append($"- [{p.Title}]({p.RelativePath}): {p.Caption}\n");
        }

        sb.Append('\n');
    }

    private static void AppendErrors(StringBuilder sb, ReportData data)
    {
        var benignAbove = data.WinnerRows.Count(r => !r.Malicious && r.Probability >= data.Threshold);
        var maliciousBelow = data.WinnerRows.Count(r => r.Malicious && r.Probability < data.Threshold);
        sb.Append($"## Where `{data.Winner}` is most wrong\n\n");
        sb.Append($"Computed by the report: the evaluate stage's predictions joined with the test split's rows. At the threshold {Format.P(data.Threshold)}, ");
        sb.Append($"{Format.N(benignAbove)} benign rows are flagged (false positives) and {Format.N(maliciousBelow)} malicious rows are missed (false negatives).\n\n");
        sb.Append($"### Highest-scoring benign rows (top {data.FalsePositives.Count} false positives)\n\n");
        sb.Append(ErrorTable(data.FalsePositives, data.Threshold)).Append('\n');
        sb.Append($"### Lowest-scoring malicious rows (top {data.FalseNegatives.Count} false negatives)\n\n");
        sb.Append(ErrorTable(data.FalseNegatives, data.Threshold)).Append('\n');
    }

    private static MarkdownTable ErrorTable(IReadOnlyList<ScoredRow> rows, double threshold)
    {
        var t = new MarkdownTable("address", "probability:", "flagged", "hour:", "hour source", "feeds", "country", "ASN:", "time zone", "latitude:", "longitude:", "first seen", "last seen");
        foreach (var r in rows)
        {
            var f = r.Row.Features;
            t.Row($"`{f.Address}`", Format.P(r.Probability, 4), r.Probability >= threshold ? "yes" : "no", f.Hour?.ToString(CultureInfo.InvariantCulture) ?? "", r.Row.HourSource,
                string.Join(", ", r.Feeds), f.CountryCode ?? "", f.Asn?.ToString(CultureInfo.InvariantCulture) ?? "", f.TimeZone ?? "",
                f.Latitude is { } lat ? Format.P(lat, 2) : "", f.Longitude is { } lon ? Format.P(lon, 2) : "", Format.Date(r.Row.FirstSeen), Format.Date(r.Row.LastSeen));
        }

        return t;
    }

    private static void AppendSlices(StringBuilder sb, ReportData data)
    {
        sb.Append($"## `{data.Winner}` by slice of the test split\n\n");
        sb.Append($"Computed by the report from the evaluate stage's predictions at the threshold {Format.P(data.Threshold)}: the {SliceMetrics.DefaultTop} largest slices, the rest pooled. ");
        sb.Append("PR-AUC and ROC-AUC need both labels in a slice (n/a otherwise); precision is n/a where nothing is flagged, recall where no row is malicious. ");
        sb.Append("Country and ASN slices add up to the test rows; feed slices overlap (an address several feeds list counts in each).\n\n");
        foreach (var (title, slices) in new[] { ("By feed", data.ByFeed), ("By country", data.ByCountry), ("By ASN", data.ByAsn) })
        {
            sb.Append($"### {title}\n\n");
            var t = new MarkdownTable("slice", "rows:", "malicious share:", "PR-AUC:", "ROC-AUC:", "flagged:", "precision:", "recall:");
            foreach (var s in slices)
            {
                t.Row(s.Name, Format.N(s.Rows), Format.Pct(s.MaliciousShare), Format.P(s.PrAuc), Format.P(s.RocAuc), Format.N(s.Flagged), Format.P(s.Precision), Format.P(s.Recall));
            }

            sb.Append(t).Append('\n');
        }
    }

    private static void AppendImportance(StringBuilder sb, ReportData data)
    {
        var r = data.Importance;
        sb.Append($"## Feature importance of `{data.Winner}`\n\n");
        sb.Append($"Computed by the report (not a stage output): the winner's model scores {Format.N(r.Rows)} test rows (all of them up to {Format.N(PermutationImportance.MaxRows)}, else a sample seeded with {r.Seed}) ");
        sb.Append($"with one column at a time shuffled across rows, {PermutationImportance.Repeats} seeded shuffles each. Base ROC-AUC {Format.P(r.RocAuc)}, PR-AUC {Format.P(r.PrAuc)}; a larger drop means the model leans on the column more.\n\n");
        var t = new MarkdownTable("column", "ROC-AUC drop:", "± sd:", "PR-AUC drop:", "± sd:");
        foreach (var c in r.Columns.OrderByDescending(c => c.RocAucDrop))
        {
            t.Row(c.Column, Format.P(c.RocAucDrop, 4), Format.P(c.RocAucDropStd, 4), Format.P(c.PrAucDrop, 4), Format.P(c.PrAucDropStd, 4));
        }

        sb.Append(t).Append('\n');
    }

    private static void AppendDataChanges(StringBuilder sb, ReportData data)
    {
        if (data.Champion is not { } champion)
        {
            return;
        }

        sb.Append($"## Data since the champion `{champion.Name} {champion.Version}`\n\n");
        if (champion.Facts is null)
        {
            sb.Append($"Not compared: {champion.Missing}.\n\n");
            return;
        }

        var changed = data.DataChanges.Where(c => c.IsChange)
            .OrderByDescending(c => Math.Abs((c.Observations ?? 0) - (c.ChampionObservations ?? 0)))
            .ThenBy(c => c.Feed, StringComparer.Ordinal)
            .ToList();
        sb.Append($"The champion ({champion.Source}) was trained by run `{champion.RunId}`; this compares that run's fetch, observations and dataset outputs with this run's. ");
        sb.Append($"{data.DataChanges.Count - changed.Count} of {data.DataChanges.Count} feeds are unchanged (same files, same counts).\n\n");
        if (changed.Count == 0)
        {
            return;
        }

        var t = new MarkdownTable("feed", "files", "lines read", "observations", "addresses", "dataset rows");
        foreach (var c in changed)
        {
            t.Row(c.Feed, c.Files, Format.Change(c.ChampionLines, c.Lines), Format.Change(c.ChampionObservations, c.Observations), Format.Change(c.ChampionAddresses, c.Addresses), Format.Change(c.ChampionRows, c.Rows));
        }

        sb.Append(t).Append('\n');
    }

    private static void AppendFeatureSets(StringBuilder sb, RunFacts facts)
    {
        var group = facts.Candidates.Where(c => c.Scheme == Runs.SplitSchemes.Group).ToList();
        sb.Append("## Feature sets\n\n");
        sb.Append("What each candidate reads, and what it costs (an ablation: candidates that differ only in their columns show what a feature is worth).\n\n");
        var t = new MarkdownTable("candidate", "kind", "columns", "PR-AUC:", "ROC-AUC:", "size:", "rows/s:", "latency µs:");
        foreach (var c in group)
        {
            var m = facts.Metrics.Get(c.Name);
            t.Row(c.Name, c.Kind, string.Join(", ", c.Columns), Format.P(m.Quality.PrAuc), Format.P(m.Quality.RocAuc), Format.Bytes(m.Cost.SizeBytes), Format.N((long)m.Cost.ScoringRowsPerSecond), Format.P(m.Cost.LatencyMicroseconds, 1));
        }

        sb.Append(t).Append('\n');
    }

    private static void AppendTemporal(StringBuilder sb, RunFacts facts)
    {
        if (facts.Dataset.Temporal is not { } t || facts.Metrics.Temporal.Count == 0)
        {
            return;
        }

        sb.Append("## Temporal holdout: trained on older, tested on newer observations\n\n");
        sb.Append($"Malicious rows last seen before {t.ValidFrom:yyyy-MM-dd} train, until {t.TestFrom:yyyy-MM-dd} validate, later ones test; benign rows (mostly undated) follow the group split. ");
        sb.Append($"{Format.N(t.UndatedMalicious)} undated malicious rows are left out and {Format.N(t.Purged)} rows were purged because their /24 is in an earlier split.\n\n");
        var splits = new MarkdownTable("split", "rows:", "malicious:", "benign:", "main malicious sources");
        foreach (var s in t.Splits)
        {
            splits.Row(s.Split, Format.N(s.Rows), Format.N(s.Malicious), Format.N(s.Benign), string.Join(", ", t.Sources.GetValueOrDefault(s.Split) ?? []));
        }

        sb.Append(splits).Append('\n');
        var table = new MarkdownTable("candidate", "group PR-AUC:", "temporal PR-AUC:", "temporal no-skill:", "group ROC-AUC:", "temporal ROC-AUC:", "ROC-AUC change:", $"temporal precision @ {Format.Pct(facts.Metrics.Prevalence)}:", "temporal recall:");
        foreach (var c in facts.Metrics.Temporal)
        {
            var g = facts.Metrics.Candidates.FirstOrDefault(x => x.Candidate == c.Candidate);
            var q = c.Quality;
            table.Row(c.Candidate, g is null ? "" : Format.P(g.Quality.PrAuc), Format.P(q.PrAuc), Format.P(q.PrAucBaseline), g is null ? "" : Format.P(g.Quality.RocAuc), Format.P(q.RocAuc),
                Format.Delta(q.RocAuc, g?.Quality.RocAuc), Format.P(q.AtPrevalence.Precision), Format.P(q.AtPrevalence.Recall));
        }

        sb.Append(table).Append('\n');
        var best = facts.Metrics.Temporal.OrderByDescending(c => c.Quality.RocAuc).First();
        sb.Append($"On newer data the best ROC-AUC is `{best.Candidate}`'s ({Format.P(best.Quality.RocAuc)}); compare each candidate's change from the group split to judge which one holds up as the feeds move on.\n\n");
    }

    private static void AppendData(StringBuilder sb, RunFacts facts)
    {
        var o = facts.Observations;
        sb.Append("## Data by source\n\n");
        sb.Append("Lines read are data lines (comments and headers not counted); kept counts addresses before merging, networks as the addresses drawn from them; dropped counts lines (so kept + dropped = lines read for lists of single addresses); ");
        sb.Append("conflicts counts the feed's observations removed after merging because another feed lists the address with the other label; ");
        sb.Append("shared counts addresses another feed lists too; dataset share is the feed's part of the dataset's rows; age is days from the newest row (or the list's date) to the run.\n\n");
        sb.Append($"{Format.N(o.Observations)} observations of {Format.N(o.UniqueAddresses)} addresses: {Format.N(o.MaliciousAddresses)} malicious, {Format.N(o.BenignAddresses)} benign. ");
        sb.Append($"{Format.N(o.Conflicts)} addresses were listed both malicious and benign (rule: {o.ConflictRule}).\n\n");
        var datasetRows = (double)facts.Dataset.Splits.Sum(x => x.Rows);
        var t = new MarkdownTable("feed", "label", "format", "files:", "lines read:", "kept:", "dropped:", "conflicts:", "observations:", "addresses:", "shared:", "dataset share:", "newest", "age (days):", "drops by reason", "most shared with");
        foreach (var f in o.Feeds)
        {
            var inDataset = facts.Dataset.Sources.FirstOrDefault(x => x.Source == f.Feed);
            var share = inDataset is null || datasetRows == 0 ? 0 : (inDataset.Malicious + inDataset.Benign) / datasetRows;
            var newest = f.NewestRow ?? f.HeaderDate;
            var age = newest is { } n ? ((facts.Run.Created - n).TotalDays).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : "";
            t.Row(f.Feed, f.Label, f.Format, f.Files, Format.N(f.Lines), Format.N(f.Kept), Format.N(f.DroppedTotal), Format.N(f.Conflicts), Format.N(f.Observations), Format.N(f.UniqueAddresses),
                Format.N(f.SharedAddresses), Format.Pct(share), Format.Date(newest), age,
                string.Join(", ", f.Dropped.Select(kv => $"{kv.Key} {Format.N(kv.Value)}")) + (f.Warning is { } w ? $" ⚠ {w}" : ""),
                string.Join(", ", f.Overlaps.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {Format.N(kv.Value)}")));
        }

        sb.Append(t).Append('\n');
        if (o.Dropped.Count > 0)
        {
            sb.Append("Drops by reason (every dropped line is listed with file and line in the observations stage's `drops.csv`): ");
            sb.Append(string.Join(", ", o.Dropped.Select(kv => $"{kv.Key} {Format.N(kv.Value)}"))).Append(".\n\n");
        }

        var examples = o.Feeds.SelectMany(f => f.DropExamples.Select(e => $"{f.Feed}: {e}")).Take(12).ToList();
        if (examples.Count > 0)
        {
            sb.Append("<details><summary>First dropped lines</summary>\n\n");
            foreach (var e in examples)
            {
                sb.Append("- `").Append(e.Replace("`", "'")).Append("`\n");
            }

            sb.Append("\n</details>\n\n");
        }

        if (o.ConflictExamples.Count > 0)
        {
            sb.Append("Conflicts, first few: ").Append(string.Join("; ", o.ConflictExamples.Take(5))).Append(".\n\n");
        }
    }

    private static void AppendDataset(StringBuilder sb, RunFacts facts)
    {
        var d = facts.Dataset;
        sb.Append("## Dataset\n\n");
        var t = new MarkdownTable("split", "rows:", "malicious:", "benign:", "addresses:", "/24 groups:");
        foreach (var s in d.Splits)
        {
            t.Row(s.Split, Format.N(s.Rows), Format.N(s.Malicious), Format.N(s.Benign), Format.N(s.Addresses), Format.N(s.Groups));
        }

        sb.Append(t).Append('\n');
        sb.Append($"Groups found in more than one split: {d.GroupsInSeveralSplits}. Rows without a location: {Format.N(d.Unlocated)}; without an ASN: {Format.N(d.WithoutAsn)}.");
        if (d.AddressesSampledOut > 0)
        {
            sb.Append($" Addresses left out by the per-label sample: {Format.N(d.AddressesSampledOut)}.");
        }

        sb.Append("\n\nWhere the hour feature comes from (a row's own time, drawn for sources without per-row times, or unknown):\n\n");
        var h = new MarkdownTable("hour source", "malicious rows:", "benign rows:");
        foreach (var s in d.HourSources)
        {
            h.Row(s.HourSource, Format.N(s.Malicious), Format.N(s.Benign));
        }

        sb.Append(h).Append('\n');
        sb.Append("Geo databases: ").Append(string.Join("; ", d.Geo.Select(g => $"{g.Role} {g.DatabaseType} `{g.FileName}` built {g.BuildDate ?? "?"} from {g.Source} ({g.Licence})"))).Append(".\n\n");
    }

    private static void AppendNotes(StringBuilder sb, RunFacts facts)
    {
        sb.Append("## Reading these numbers\n\n");
        sb.Append("- The split is by network group: no /24 (IPv6 /48) appears in more than one split, so a model cannot score well by remembering neighbours.\n");
        sb.Append("- PR-AUC depends on the class balance; compare it with its no-skill baseline. ROC-AUC does not, and the re-weighted table shows what an analyst would see.\n");
        sb.Append("- Computed by the report, not read from a stage's outputs: the curves and histograms (from the evaluate stage's predictions), the error examples, the slices and the permutation importance. Every other number is read from the stages' recorded outputs.\n");
        sb.Append("- Stage keys: ").Append(string.Join(", ", facts.Run.Stages.Select(kv => $"{kv.Key} `{kv.Value.Key}`{(kv.Value.Reused ? " (reused)" : "")}"))).Append(".\n");
    }
}
