using System.Text;
using Ipsml.Pipelines.Report;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Pipelines.Publish;

/// <summary><c>MODEL_CARD.md</c>: intended use, inputs, data and licences, metrics, the champion gate, files for other engines (ONNX), limits.</summary>
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
            sb.Append($"- {g.Role}: {g.DatabaseType} `{g.FileName}` built {g.BuildDate ?? "?"}, {g.Source}, sha256 `{g.Sha256}`, licence {g.Licence}\n");
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
        if (manifest.Split is { } split)
        {
            sb.Append($"Split by network group ({split.Group}: IPv4 /24, IPv6 /48) with seed {split.Seed}: {Format.Pct(split.Train)} of the groups train, {Format.Pct(split.Valid)} validate, the rest test; a later champion gate compares on its own test rows whose groups were in this test split too. ");
        }

        sb.Append($"Threshold {Format.P(q.Threshold, 4)} (chosen on the validation split, rule {facts.Metrics.ThresholdRule}). ");
        sb.Append($"PR-AUC {Format.P(q.PrAuc)} against a no-skill {Format.P(q.PrAucBaseline)}; ROC-AUC {Format.P(q.RocAuc)}; precision {Format.P(q.Precision)}, recall {Format.P(q.Recall)} at the threshold on the test split's own balance ");
        sb.Append($"({Format.N(q.Malicious)} malicious, {Format.N(q.Benign)} benign rows). Re-weighted to {Format.Pct(q.AtPrevalence.Prevalence)} malicious traffic: precision {Format.P(q.AtPrevalence.Precision)}, ");
        sb.Append($"{Format.P(q.AtPrevalence.AlertsPer10k, 1)} alerts per 10k connections of which {Format.P(q.AtPrevalence.FalseAlertsPer10k, 1)} false. Expected calibration error {Format.P(q.Calibration.ExpectedCalibrationError)}.\n\n");
        Promotion(sb, manifest);
        Files(sb, manifest);
        sb.Append("## Limits\n\n");
        sb.Append("- Labels come from public threat feeds and honeypots (malicious) and from popular sites and provider ranges (benign). Both are biased samples of the Internet; the benign side is small.\n");
        sb.Append("- Probabilities are calibrated on the validation split's class balance, which is far more malicious than real traffic; use the threshold and the re-weighted precision above, not the raw probability, as a rate.\n");
        sb.Append("- Many sources give no time per row; their hour feature was drawn (see the run report), so the hour says less than it seems.\n");
        sb.Append("- Geo and ASN data age: addresses move between networks. Retrain when the feeds or the geo databases change.\n");
        sb.Append("- The ONNX export reproduces the model, not the feature path: another engine must enrich addresses with the same geo databases and encode them with `vocab.json` exactly as ipsml does (see Inputs).\n");
        return sb.ToString();
    }

    private static void Promotion(StringBuilder sb, ArtifactManifest manifest)
    {
        if (manifest.Promotion is not { } p)
        {
            return;
        }

        sb.Append("## Champion gate\n\n");
        sb.Append(p.Champion is { } champion
            ? $"Compared with the champion {manifest.Name} {champion}, re-scored with its own vocabulary and threshold on this run's test rows that neither model trained or validated on. "
            : "No model was published before this one, so there was no champion to compare with. ");
        sb.Append(p.GatePassed ? "Every check passed:\n\n" : "The gate **failed**:\n\n");
        foreach (var check in p.Checks)
        {
            sb.Append($"- {check}\n");
        }

        if (p.Warning is { } warning)
        {
            sb.Append($"\n**Warning:** {warning}.\n");
        }

        sb.Append('\n');
    }

    private static void Files(StringBuilder sb, ArtifactManifest manifest)
    {
        sb.Append("## Files for other engines\n\n");
        sb.Append(manifest.Kind == Scoring.Kinds.MlpScoringModel.KindName
            ? "`model/mlp.json` + `model/mlp.bin`: the network in ipsml's documented format (layout and shapes in JSON, float32 little-endian weights), read by the scoring library without TorchSharp. "
            : "`model/model.zip`: the ML.NET model (featurisation, trainer, calibrator), loaded by the scoring library. ");
        if (manifest.Onnx is not { } onnx)
        {
            sb.Append("No ONNX export was written for this version (`publish.onnx` was false).\n\n");
            return;
        }

        var others = string.Concat(onnx.OtherOpsets.Select(kv => $", {kv.Key} {kv.Value}"));
        sb.Append($"`{onnx.File}`: the same model as ONNX (opset {onnx.Opset}{others}, IR {onnx.IrVersion}, written by {onnx.Producer}) for ONNX Runtime in Spark, Flink, stream consumers or Python. ");
        sb.Append($"Inputs, one float32 tensor [N, 1] each, named after the feature columns: {string.Join(", ", onnx.Inputs.Select(i => $"`{i.Name}`"))}; ");
        sb.Append($"output `{onnx.Output.Name}` float32 [N, 1], the probability of malicious, to compare with the threshold {manifest.Threshold.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture)}. ");
        sb.Append($"Checked at publish time with {onnx.Verification.Runtime} on {onnx.Verification.Rows:N0} rows (the test split plus unknown and \"other\" edge rows): ");
        sb.Append($"largest difference from the native runtime {onnx.Verification.MaxAbsDifference:G3} (tolerance {onnx.Verification.Tolerance:G3}).\n\n");
    }
}
