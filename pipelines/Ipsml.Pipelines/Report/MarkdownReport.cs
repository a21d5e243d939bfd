using System.Text;
using Ipsml.Pipelines.Evaluate;

namespace Ipsml.Pipelines.Report;

/// <summary>The run report in Markdown, fit for a pull-request comment: the summary first, then the numbers that hurt.</summary>
public static class MarkdownReport
{
    public static string Render(RunFacts facts)
    {
        var m = facts.Metrics;
        var winner = m.Get(m.Winner);
        var q = winner.Quality;
        var sb = new StringBuilder();
        sb.Append($"# ipsml run `{facts.Run.Id}`: experiment `{facts.Run.Experiment}`\n\n");
        sb.Append($"**Winner: `{winner.Candidate}`** ({winner.Kind}) by {m.Metric}: PR-AUC {Format.P(q.PrAuc)} (no-skill {Format.P(q.PrAucBaseline)}), ROC-AUC {Format.P(q.RocAuc)}; ");
        sb.Append($"at {Format.Pct(m.Prevalence)} malicious traffic it flags {Format.P(q.AtPrevalence.AlertsPer10k, 1)} connections per 10k, {Format.P(q.AtPrevalence.FalseAlertsPer10k, 1)} of them benign (precision {Format.P(q.AtPrevalence.Precision)}, recall {Format.P(q.AtPrevalence.Recall)}).\n\n");
        sb.Append($"Code `{facts.Run.GitCommit ?? "outside git"}`, seed {facts.Run.Seed}, data from {facts.Sources.Mode}{(facts.Sources.SnapshotDir is { } d ? $" `{d}`" : "")}.\n\n");

        AppendMetrics(sb, m);
        AppendFeatureSets(sb, facts);
        AppendTemporal(sb, facts);
        AppendData(sb, facts);
        AppendDataset(sb, facts);
        AppendNotes(sb, facts);
        return sb.ToString();
    }

    private static void AppendMetrics(StringBuilder sb, EvaluationReport m)
    {
        sb.Append("## Candidates on the held-out test split (group split by /24)\n\n");
        sb.Append($"Threshold chosen on the validation split ({m.ThresholdRule}). Rows of the test split: {Format.N(m.Candidates[0].Quality.Rows)} ");
        sb.Append($"({Format.N(m.Candidates[0].Quality.Malicious)} malicious, {Format.N(m.Candidates[0].Quality.Benign)} benign).\n\n");
        var t = new MarkdownTable("candidate", "kind", "PR-AUC:", "no-skill PR-AUC:", "ROC-AUC:", "P@R0.8:", "P@R0.9:", "threshold:", "precision:", "recall:", "F1:", "FPR:", "ECE:", "size:", "train s:", "rows/s:");
        foreach (var c in m.Candidates)
        {
            var q = c.Quality;
            t.Row(c.Candidate == m.Winner ? $"**{c.Candidate}**" : c.Candidate, c.Kind, Format.P(q.PrAuc), Format.P(q.PrAucBaseline), Format.P(q.RocAuc),
                Format.P(q.PrecisionAtRecall80), Format.P(q.PrecisionAtRecall90), Format.P(q.Threshold), Format.P(q.Precision), Format.P(q.Recall), Format.P(q.F1),
                Format.P(q.FalsePositiveRate), Format.P(q.Calibration.ExpectedCalibrationError), Format.Bytes(c.Cost.SizeBytes), Format.P(c.Cost.TrainingSeconds, 1), Format.N((long)c.Cost.ScoringRowsPerSecond));
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

        var all = m.Candidates[0].Quality.AllMalicious;
        p.Row("_everything malicious_", Format.P(all.Precision), Format.P(all.Recall), Format.P(all.PrAuc), Format.P(all.AlertsPer10k, 1), Format.P(all.FalseAlertsPer10k, 1));
        sb.Append(p).Append('\n');
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
        sb.Append("Lines read are data lines (comments and headers not counted); kept counts addresses before merging, networks as the addresses drawn from them; ");
        sb.Append("shared counts addresses another feed lists too; dataset share is the feed's part of the dataset's rows; age is days from the newest row (or the list's date) to the run.\n\n");
        sb.Append($"{Format.N(o.Observations)} observations of {Format.N(o.UniqueAddresses)} addresses: {Format.N(o.MaliciousAddresses)} malicious, {Format.N(o.BenignAddresses)} benign. ");
        sb.Append($"{Format.N(o.Conflicts)} addresses were listed both malicious and benign (rule: {o.ConflictRule}).\n\n");
        var datasetRows = (double)facts.Dataset.Splits.Sum(x => x.Rows);
        var t = new MarkdownTable("feed", "label", "format", "files:", "lines read:", "kept:", "dropped:", "observations:", "addresses:", "shared:", "dataset share:", "newest", "age (days):", "drops by reason", "most shared with");
        foreach (var f in o.Feeds)
        {
            var inDataset = facts.Dataset.Sources.FirstOrDefault(x => x.Source == f.Feed);
            var share = inDataset is null || datasetRows == 0 ? 0 : (inDataset.Malicious + inDataset.Benign) / datasetRows;
            var newest = f.NewestRow ?? f.HeaderDate;
            var age = newest is { } n ? ((facts.Run.Created - n).TotalDays).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) : "";
            t.Row(f.Feed, f.Label, f.Format, f.Files, Format.N(f.Lines), Format.N(f.Kept), Format.N(f.DroppedTotal), Format.N(f.Observations), Format.N(f.UniqueAddresses),
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
        sb.Append("Geo databases: ").Append(string.Join("; ", d.Geo.Select(g => $"{g.Role} {g.DatabaseType} built {g.BuildDate ?? "?"} from {g.Source} ({g.Licence})"))).Append(".\n\n");
    }

    private static void AppendNotes(StringBuilder sb, RunFacts facts)
    {
        sb.Append("## Reading these numbers\n\n");
        sb.Append("- The split is by network group: no /24 (IPv6 /48) appears in more than one split, so a model cannot score well by remembering neighbours.\n");
        sb.Append("- PR-AUC depends on the class balance; compare it with its no-skill baseline. ROC-AUC does not, and the re-weighted table shows what an analyst would see.\n");
        sb.Append("- Stage keys: ").Append(string.Join(", ", facts.Run.Stages.Select(kv => $"{kv.Key} `{kv.Value.Key}`{(kv.Value.Reused ? " (reused)" : "")}"))).Append(".\n");
    }
}
