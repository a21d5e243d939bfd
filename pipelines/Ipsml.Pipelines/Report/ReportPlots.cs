using System.Globalization;
using System.Text.Json.Nodes;
using Ipsml.Pipelines.Runs;
using Ipsml.Pipelines.Train;
using Ipsml.Training.Evaluation;
using ScottPlot;

namespace Ipsml.Pipelines.Report;

/// <summary>
/// Draws the report's PNG plots with ScottPlot: PR curves (own balance and re-weighted to the configured
/// prevalence), ROC curves, reliability diagram, the winner's score histogram by label, permutation importance,
/// AutoML trials and MLP training curves. Every plot has a title, axis labels and a legend.
/// </summary>
public static class ReportPlots
{
    public const int Width = 860;
    public const int Height = 540;

    private static readonly Color Benign = new(31, 119, 180);
    private static readonly Color Malicious = new(214, 39, 40);
    private static readonly Color Reference = new(110, 110, 110);

    /// <summary>Draws every plot the data allows into <paramref name="dir"/> and returns them in report order.</summary>
    public static IReadOnlyList<PlotFile> Write(ReportData data, string dir)
    {
        Directory.CreateDirectory(dir);
        var plots = new List<PlotFile>();
        void Save(PlotFile file, Plot plot)
        {
            plot.SavePng(Path.Combine(dir, file.FileName), file.Width, file.Height);
            plots.Add(file);
        }

        var m = data.Facts.Metrics;
        Save(new PlotFile("pr-curve", "Precision–recall curves", "Every candidate on the test split at its own class balance (evaluate stage predictions); the dashed line is a model with no skill (precision = share of malicious rows); dots mark each candidate's threshold chosen on the validation split.", Width, Height), PrCurves(data, reweighted: false));
        Save(new PlotFile("pr-curve-prevalence", $"Precision–recall at {Format.Pct(m.Prevalence)} malicious", $"The same curves with benign rows re-weighted so that malicious connections are {Format.Pct(m.Prevalence)} of traffic — the precision an analyst would see; no skill is the prevalence.", Width, Height), PrCurves(data, reweighted: true));
        Save(new PlotFile("roc-curve", "ROC curves", "True-positive rate against false-positive rate on the test split (evaluate stage predictions); the diagonal is chance. ROC-AUC does not depend on the class balance.", Width, Height), RocCurves(data));
        Save(new PlotFile("calibration", "Calibration (reliability diagram)", "Mean predicted probability against the observed share of malicious rows in ten equal-width probability bins (metrics.json); a calibrated model follows the diagonal.", Width, Height), CalibrationPlot(data));
        Save(new PlotFile("score-histogram", $"Scores of {data.Winner} by label", "Share of each label's test rows per probability bin for the winner (evaluate stage predictions); the vertical line is the threshold.", Width, Height), ScoreHistogram(data));
        Save(new PlotFile("feature-importance", $"Permutation importance of {data.Winner}", $"Computed by the report: drop in ROC-AUC and PR-AUC on {Format.N(data.Importance.Rows)} test rows when one column is shuffled (mean of {PermutationImportance.Repeats} seeded shuffles, whiskers ± one standard deviation).", Width, Height), Importance(data));
        foreach (var c in data.Facts.Candidates.Where(c => c.Scheme == SplitSchemes.Group))
        {
            if (c.Details["trials"] is JsonArray { Count: > 0 } trials)
            {
                Save(new PlotFile($"automl-trials-{c.Name}", $"AutoML trials of {c.Name}", $"Each trial's validation metric ({c.Details["metric"]?.GetValue<string>() ?? "metric"}) from the train stage's candidates.json; colour is the trainer, marker shape the successive-halving rung (rows grow with the rung); the ringed trial is the chosen configuration.", Width, Height), AutoMlTrials(c, trials));
            }

            if (c.Details["validPrAuc"] is JsonArray { Count: > 0 } valid && c.Details["trainLoss"] is JsonArray loss)
            {
                Save(new PlotFile($"mlp-training-{c.Name}", $"MLP training of {c.Name}", "Validation PR-AUC (left axis) and training loss (right axis) per epoch, from the train stage's candidates.json; the dashed line marks the epoch kept.", Width, Height), MlpTraining(c, valid, loss));
            }
        }

        return plots;
    }

    private static Plot New(string title, string x, string y)
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Title(title, 20);
        plot.XLabel(x, 16);
        plot.YLabel(y, 16);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
        {
            axis.TickLabelStyle.FontSize = 14;
        }

        plot.Legend.FontSize = 14;
        return plot;
    }

    /// <summary>Ticks every 0.1 on a probability or rate axis (the automatic ones crowd at 0.05).</summary>
    private static void Tenths(IAxis axis) => axis.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);

    private static Plot PrCurves(ReportData data, bool reweighted)
    {
        var m = data.Facts.Metrics;
        var plot = New(reweighted ? $"Precision–recall re-weighted to {Format.Pct(m.Prevalence)} malicious" : "Precision–recall on the test split", "Recall (share of malicious rows flagged)", "Precision");
        var lowest = 1.0;
        for (var i = 0; i < data.Scores.Count; i++)
        {
            var s = data.Scores[i];
            var q = m.Get(s.Candidate).Quality;
            var positives = s.Labels.Count(l => l);
            var weight = reweighted ? BinaryMetrics.NegativeWeightFor(m.Prevalence, positives, s.Labels.Length - positives) : 1;
            var curve = BinaryMetrics.Curve(s.Labels, s.Scores, weight);
            if (curve.Count == 0)
            {
                continue;
            }

            double[] xs = [0, .. curve.Select(p => p.Recall)];
            double[] ys = [curve[0].Precision, .. curve.Select(p => p.Precision)];
            lowest = Math.Min(lowest, ys.Min());
            var color = plot.Add.Palette.GetColor(i);
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LineWidth = s.Candidate == data.Winner ? 2.5f : 1.5f;
            var auc = reweighted ? q.AtPrevalence.PrAuc : q.PrAuc;
            line.LegendText = $"{s.Candidate} (PR-AUC {Format.P(auc)})";
            var at = BinaryMetrics.At(s.Labels, s.Scores, q.Threshold, weight);
            var dot = plot.Add.Marker(at.Recall, at.Precision, MarkerShape.FilledCircle, 9, color);
            dot.LegendText = "";
        }

        var baseline = reweighted ? m.Prevalence : m.Candidates[0].Quality.PrAucBaseline;
        var noSkill = plot.Add.HorizontalLine(baseline, 1.5f, Reference, LinePattern.Dashed);
        noSkill.LegendText = $"no skill ({Format.P(baseline)})";
        plot.Legend.ManualItems.Add(new LegendItem { LabelText = "threshold chosen on validation", MarkerShape = MarkerShape.FilledCircle, MarkerSize = 9, MarkerFillColor = Reference, MarkerLineColor = Reference });
        var bottom = Math.Max(0, Math.Floor(Math.Min(lowest, baseline) * 20 - 1) / 20);
        plot.Axes.SetLimits(0, 1, bottom, 1.01);
        Tenths(plot.Axes.Bottom);
        if (bottom == 0)
        {
            Tenths(plot.Axes.Left);
        }

        plot.ShowLegend(reweighted ? Alignment.UpperRight : Alignment.LowerLeft);
        return plot;
    }

    private static Plot RocCurves(ReportData data)
    {
        var m = data.Facts.Metrics;
        var plot = New("ROC curves on the test split", "False-positive rate (share of benign rows flagged)", "True-positive rate (recall)");
        for (var i = 0; i < data.Scores.Count; i++)
        {
            var s = data.Scores[i];
            var curve = BinaryMetrics.Curve(s.Labels, s.Scores);
            double[] xs = [0, .. curve.Select(p => p.FalsePositiveRate)];
            double[] ys = [0, .. curve.Select(p => p.Recall)];
            var line = plot.Add.ScatterLine(xs, ys, plot.Add.Palette.GetColor(i));
            line.LineWidth = s.Candidate == data.Winner ? 2.5f : 1.5f;
            line.LegendText = $"{s.Candidate} (ROC-AUC {Format.P(m.Get(s.Candidate).Quality.RocAuc)})";
        }

        var chance = plot.Add.Line(0, 0, 1, 1);
        chance.LineColor = Reference;
        chance.LinePattern = LinePattern.Dashed;
        chance.LegendText = "chance (0.5)";
        plot.Axes.SetLimits(0, 1, 0, 1.01);
        Tenths(plot.Axes.Bottom);
        Tenths(plot.Axes.Left);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot CalibrationPlot(ReportData data)
    {
        var m = data.Facts.Metrics;
        var plot = New("Calibration on the test split", "Mean predicted probability (bin)", "Observed share malicious");
        var perfect = plot.Add.Line(0, 0, 1, 1);
        perfect.LineColor = Reference;
        perfect.LinePattern = LinePattern.Dashed;
        perfect.LegendText = "perfectly calibrated";
        for (var i = 0; i < m.Candidates.Count; i++)
        {
            var c = m.Candidates[i];
            var bins = c.Quality.Calibration.Bins;
            var line = plot.Add.Scatter(bins.Select(b => b.MeanPredicted).ToArray(), bins.Select(b => b.Observed).ToArray(), plot.Add.Palette.GetColor(i));
            line.MarkerSize = 8;
            line.LineWidth = c.Candidate == data.Winner ? 2.5f : 1.5f;
            line.LegendText = $"{c.Candidate} (ECE {Format.P(c.Quality.Calibration.ExpectedCalibrationError)})";
        }

        plot.Axes.SetLimits(0, 1, 0, 1.01);
        Tenths(plot.Axes.Bottom);
        Tenths(plot.Axes.Left);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ScoreHistogram(ReportData data)
    {
        const int bins = 20;
        var plot = New($"Scores of {data.Winner} on the test split, by label", "Predicted probability of malicious", "Share of the label's rows");
        var rows = data.WinnerRows;
        foreach (var (malicious, color, offset) in new[] { (false, Benign, -0.25), (true, Malicious, 0.25) })
        {
            var scores = rows.Where(r => r.Malicious == malicious).Select(r => r.Probability).ToList();
            var counts = new double[bins];
            foreach (var s in scores)
            {
                counts[Math.Clamp((int)(s * bins), 0, bins - 1)]++;
            }

            var bars = Enumerable.Range(0, bins).Select(b => new Bar
            {
                Position = (b + 0.5 + offset) / bins,
                Value = scores.Count == 0 ? 0 : counts[b] / scores.Count,
                Size = 0.45 / bins,
                FillColor = color,
                LineWidth = 0,
            }).ToArray();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = $"{(malicious ? "malicious" : "benign")} ({Format.N(scores.Count)} rows)";
            plottable.Color = color;
        }

        var threshold = plot.Add.VerticalLine(data.Threshold, 2, Reference, LinePattern.Dashed);
        threshold.LegendText = $"threshold {Format.P(data.Threshold)}";
        plot.Axes.SetLimitsX(0, 1);
        Tenths(plot.Axes.Bottom);
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperCenter);
        return plot;
    }

    private static Plot Importance(ReportData data)
    {
        var result = data.Importance;
        var plot = New($"Permutation importance of {data.Winner} (computed by the report)", "Metric drop when the column is shuffled", "Input column");
        var columns = result.Columns.OrderBy(c => c.RocAucDrop).ThenByDescending(c => c.Column, StringComparer.Ordinal).ToList();
        var roc = plot.Add.Bars(columns.Select((c, i) => new Bar { Position = i + 0.2, Value = c.RocAucDrop, Error = c.RocAucDropStd, Size = 0.38, FillColor = Benign, LineWidth = 0 }).ToArray());
        roc.Horizontal = true;
        roc.Color = Benign;
        roc.LegendText = $"ROC-AUC drop (base {Format.P(result.RocAuc)})";
        var pr = plot.Add.Bars(columns.Select((c, i) => new Bar { Position = i - 0.2, Value = c.PrAucDrop, Error = c.PrAucDropStd, Size = 0.38, FillColor = Malicious, LineWidth = 0 }).ToArray());
        pr.Horizontal = true;
        pr.Color = Malicious;
        pr.LegendText = $"PR-AUC drop (base {Format.P(result.PrAuc)})";
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. columns.Select((_, i) => (double)i)], [.. columns.Select(c => c.Column)]);
        var lo = Math.Min(0, columns.Min(c => Math.Min(c.RocAucDrop - c.RocAucDropStd, c.PrAucDrop - c.PrAucDropStd)));
        var hi = Math.Max(0.01, columns.Max(c => Math.Max(c.RocAucDrop + c.RocAucDropStd, c.PrAucDrop + c.PrAucDropStd)));
        plot.Axes.SetLimits(lo - (0.05 * (hi - lo)), hi + (0.05 * (hi - lo)), -0.7, columns.Count - 0.3);
        plot.Add.VerticalLine(0, 1, Reference).LegendText = "";
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot AutoMlTrials(CandidateSummary candidate, JsonArray trials)
    {
        var metric = candidate.Details["metric"]?.GetValue<string>() ?? "metric";
        var plot = New($"AutoML search of {candidate.Name}: {trials.Count} trials", "Trial", $"Validation {metric}");
        var parsed = trials.OfType<JsonObject>().Select(t => (
            Trial: t["trial"]?.GetValue<int>() ?? 0,
            Rung: t["rung"]?.GetValue<int>() ?? 0,
            Trainer: t["trainer"]?.GetValue<string>() ?? "?",
            Metric: t["metric"]?.GetValue<double>() ?? double.NaN)).Where(t => !double.IsNaN(t.Metric)).ToList();
        var trainers = parsed.Select(t => t.Trainer).Distinct().Order(StringComparer.Ordinal).ToList();
        var rungs = parsed.Select(t => t.Rung).Distinct().Order().ToList();
        MarkerShape Shape(int rung) => RungShapes[Math.Min(rung, RungShapes.Length - 1)];
        foreach (var group in parsed.GroupBy(t => (t.Trainer, t.Rung)))
        {
            var color = plot.Add.Palette.GetColor(trainers.IndexOf(group.Key.Trainer));
            var markers = plot.Add.Markers(group.Select(t => (double)t.Trial).ToArray(), group.Select(t => t.Metric).ToArray(), Shape(group.Key.Rung), 11, color);
            markers.LegendText = "";
        }

        var legend = new List<LegendItem>();
        legend.AddRange(trainers.Select((t, i) => new LegendItem { LabelText = t, MarkerShape = MarkerShape.FilledCircle, MarkerSize = 11, MarkerFillColor = plot.Add.Palette.GetColor(i), MarkerLineColor = plot.Add.Palette.GetColor(i) }));
        legend.AddRange(rungs.Select(r => new LegendItem
        {
            LabelText = $"rung {r} ({parsed.Count(t => t.Rung == r)} trials)",
            MarkerShape = Shape(r),
            MarkerSize = 11,
            MarkerFillColor = Reference,
            MarkerLineColor = Reference,
        }));
        var chosen = candidate.Details["best"]?["trial"]?.GetValue<int>() is { } bestTrial ? parsed.FindIndex(t => t.Trial == bestTrial) : -1;
        if (chosen >= 0)
        {
            var b = parsed[chosen];
            var ring = plot.Add.Marker(b.Trial, b.Metric, MarkerShape.OpenCircle, 24, Colors.Black);
            ring.MarkerLineWidth = 2;
            ring.LegendText = "";
            legend.Add(new LegendItem { LabelText = $"chosen: trial {b.Trial} ({b.Trainer})", MarkerShape = MarkerShape.OpenCircle, MarkerSize = 16, MarkerLineWidth = 2, MarkerLineColor = Colors.Black, MarkerFillColor = Colors.Transparent });
        }

        plot.Legend.ManualItems.AddRange(legend);
        plot.Legend.DisplayPlottableLegendItems = false;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.Margins(0.05, 0.12);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static readonly MarkerShape[] RungShapes = [MarkerShape.FilledCircle, MarkerShape.FilledTriangleUp, MarkerShape.FilledSquare, MarkerShape.FilledDiamond];

    private static Plot MlpTraining(CandidateSummary candidate, JsonArray valid, JsonArray loss)
    {
        var plot = New($"MLP training of {candidate.Name}", "Epoch", "Validation PR-AUC");
        var epochs = Enumerable.Range(1, valid.Count).Select(e => (double)e).ToArray();
        var validLine = plot.Add.Scatter(epochs, valid.Select(v => v?.GetValue<double>() ?? double.NaN).ToArray(), Malicious);
        validLine.LegendText = "validation PR-AUC (left)";
        validLine.LineWidth = 2;
        var lossLine = plot.Add.Scatter(Enumerable.Range(1, loss.Count).Select(e => (double)e).ToArray(), loss.Select(v => v?.GetValue<double>() ?? double.NaN).ToArray(), Benign);
        lossLine.LegendText = "training loss (right)";
        lossLine.LineWidth = 2;
        lossLine.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "Training loss";
        plot.Axes.Right.Label.FontSize = 16;
        if (candidate.Details["bestEpoch"]?.GetValue<int>() is { } best)
        {
            plot.Add.VerticalLine(best, 1.5f, Reference, LinePattern.Dashed).LegendText = $"kept epoch {best.ToString(CultureInfo.InvariantCulture)}";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.ShowLegend(Alignment.MiddleRight);
        return plot;
    }
}
