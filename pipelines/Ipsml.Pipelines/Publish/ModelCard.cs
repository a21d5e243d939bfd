using System.Text;
using Ipsml.Pipelines.Report;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Publish;

/// <summary><c>MODEL_CARD.md</c>: intended use, data and licences, metrics, limits.</summary>
public static class ModelCard
{
    public static string Render(ArtifactManifest manifest, RunFacts facts)
    {
        var m = facts.Metrics.Get(manifest.Candidate);
        var q = m.Quality;
        var sb = new StringBuilder();
        sb.Append($"# Model card: {manifest.Name} {manifest.Version}\n\n");
        sb.Append($"Candidate `{manifest.Candidate}` ({m.Kind}, runtime `{manifest.Kind}`), experiment `{manifest.Experiment}`, run `{manifest.RunId}`, code `{manifest.GitCommit ?? "unknown"}`, created {manifest.Created:yyyy-MM-dd HH:mm} UTC.\n\n");
        sb.Append("## Intended use\n\n");
        sb.Append("Triage: rank the remote addresses of connection logs (an IP address and the UTC hour it was seen) by how likely they belong to malicious infrastructure, so an analyst looks at the top first. ");
        sb.Append("It is not a blocklist and not a verdict: it knows only where an address is (GeoIP location, time zone, country, ASN) and when it was seen, never what the connection did.\n\n");
        sb.Append("## Inputs\n\n");
        sb.Append($"Feature schema `{manifest.Features.Version}`, columns {string.Join(", ", manifest.Features.Columns)}. Vocabularies in `vocab.json` (0 = unknown, last id = other). ");
        sb.Append("Geo databases (a scorer must load the same files; their SHA-256 is checked):\n\n");
        foreach (var g in manifest.Geo)
        {
            sb.Append($"- {g.Role}: {g.DatabaseType} built {g.BuildDate ?? "?"}, {g.Source}, sha256 `{g.Sha256}`, licence {g.Licence}\n");
        }

        sb.Append("\n## Training data\n\n");
        var t = new MarkdownTable("feed", "label", "licence / terms", "observations:", "newest row");
        foreach (var f in facts.Observations.Feeds)
        {
            var def = facts.Registry.Feeds.FirstOrDefault(d => d.Name == f.Feed);
            t.Row(f.Feed, f.Label, def is null ? "" : def.Licence + (def.Terms is { } terms ? $" ({terms})" : ""), Format.N(f.Observations), Format.Date(f.NewestRow ?? f.HeaderDate));
        }

        sb.Append(t).Append('\n');
        sb.Append("## Metrics (held-out test split, grouped by /24)\n\n");
        sb.Append($"Threshold {Format.P(q.Threshold, 4)} (chosen on the validation split, rule {facts.Metrics.ThresholdRule}). ");
        sb.Append($"PR-AUC {Format.P(q.PrAuc)} against a no-skill {Format.P(q.PrAucBaseline)}; ROC-AUC {Format.P(q.RocAuc)}; precision {Format.P(q.Precision)}, recall {Format.P(q.Recall)} at the threshold on the test split's own balance ");
        sb.Append($"({Format.N(q.Malicious)} malicious, {Format.N(q.Benign)} benign rows). Re-weighted to {Format.Pct(q.AtPrevalence.Prevalence)} malicious traffic: precision {Format.P(q.AtPrevalence.Precision)}, ");
        sb.Append($"{Format.P(q.AtPrevalence.AlertsPer10k, 1)} alerts per 10k connections of which {Format.P(q.AtPrevalence.FalseAlertsPer10k, 1)} false. Expected calibration error {Format.P(q.Calibration.ExpectedCalibrationError)}.\n\n");
        sb.Append("## Limits\n\n");
        sb.Append("- Labels come from public threat feeds and honeypots (malicious) and from popular sites and provider ranges (benign). Both are biased samples of the Internet; the benign side is small.\n");
        sb.Append("- Probabilities are calibrated on the validation split's class balance, which is far more malicious than real traffic; use the threshold and the re-weighted precision above, not the raw probability, as a rate.\n");
        sb.Append("- Many sources give no time per row; their hour feature was drawn (see the run report), so the hour says less than it seems.\n");
        sb.Append("- Geo and ASN data age: addresses move between networks. Retrain when the feeds or the geo databases change.\n");
        return sb.ToString();
    }
}
