using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Ipsml.Features;
using Ipsml.Scoring;
using Ipsml.Scoring.Kinds;
using Ipsml.Training.Evaluation;
using TorchSharp;
using static TorchSharp.torch;

namespace Ipsml.Training.Candidates;

/// <summary>
/// The MLP candidate: TorchSharp, embeddings for the categorical columns (hour, time zone, country, ASN), scaled
/// numeric columns, ReLU hidden layers, one logit. Weighted binary cross-entropy (row <see cref="FeatureRow.Weight"/>),
/// Adam, seeded initialisation and shuffling, early stopping on validation PR-AUC keeping the best epoch's weights.
/// Saves an "mlp" model folder (<see cref="MlpNetwork"/>'s own format) that scores without TorchSharp.
/// </summary>
public sealed class MlpTrainer : ICandidateTrainer
{
    public const string KindName = "mlp";

    /// <summary>
    /// TorchSharp's seed and thread count are process-wide, so trainings in one process take turns: a seeded
    /// training stays repeatable even when something else trains at the same time.
    /// </summary>
    private static readonly Lock TorchGate = new();

    public string Kind => KindName;

    public void Validate(CandidateSpec spec)
    {
        MlpOptions.Read(spec);
        CheckColumns(spec);
    }

    public TrainedCandidate Train(CandidateSpec spec, TrainingData data, string modelDir, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var fit = Fit(spec, data, progress, cancellationToken);
        Save(fit, spec, modelDir);
        clock.Stop();
        return new TrainedCandidate(spec.Name, spec.Kind, modelDir, clock.Elapsed.TotalSeconds, ModelLoader.SizeOnDisk(modelDir), fit.Details);
    }

    /// <summary>Writes the model folder: <c>model.json</c> (kind "mlp") and the network's <c>mlp.json</c> + <c>mlp.bin</c>.</summary>
    internal static void Save(MlpFit fit, CandidateSpec spec, string modelDir)
    {
        Directory.CreateDirectory(modelDir);
        fit.Network.Write(modelDir);
        new ModelDescription { Kind = MlpScoringModel.KindName, Trainer = KindName, Columns = spec.Columns, Parameters = fit.Parameters }.Save(modelDir);
    }

    /// <summary>Trains and returns the best epoch's network with the TorchSharp module (for tests); <see cref="Train"/> saves it.</summary>
    internal static MlpFit Fit(CandidateSpec spec, TrainingData data, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var options = MlpOptions.Read(spec);
        CheckInputs(spec, data);
        var (tables, numeric) = MlpInputs.Layout(spec.Columns, data.Vocabulary, options.Embedding);
        var train = MlpInputs.Encode(data.Train, tables, numeric);
        var valid = MlpInputs.Encode(data.Valid, tables, numeric);
        var validLabels = data.Valid.Select(r => r.Label).ToArray();

        lock (TorchGate)
        {
            torch.set_num_threads(options.Threads);
            torch.manual_seed(spec.Seed);
            var module = new MlpModule(tables, numeric.Count, options.Hidden, options.Dropout);
            try
            {
                var (best, details) = Loop(spec, options, module, tables, numeric, train, valid, validLabels, progress, cancellationToken);
                module.Load(best);
                return new MlpFit(module, best, options.Used, details);
            }
            catch
            {
                module.Dispose();
                throw;
            }
        }
    }

    private static (MlpNetwork Best, JsonObject Details) Loop(
        CandidateSpec spec,
        MlpOptions options,
        MlpModule module,
        List<MlpEmbedding> tables,
        List<MlpNumericInput> numeric,
        MlpInputs.Encoded train,
        MlpInputs.Encoded valid,
        bool[] validLabels,
        IProgress<string>? progress,
        CancellationToken cancellationToken)
    {
        var n = train.Count;
        var totalWeight = train.Weights.Sum(w => (double)w);
        using var categorical = tensor(train.Categorical, [n, tables.Count]);
        using var values = tensor(train.Numeric, [n, numeric.Count]);
        using var labels = tensor(train.Labels);
        using var weights = tensor(train.Weights);
        using var optimizer = optim.Adam(module.parameters(), lr: options.LearningRate, weight_decay: options.WeightDecay);

        var parameterCount = module.parameters().Sum(p => p.numel());
        progress?.Report($"{spec.Name}: MLP {parameterCount:N0} parameters, hidden [{string.Join(",", options.Hidden)}], {n:N0} training rows, {valid.Count:N0} validation rows");

        var random = new Random(spec.Seed);
        var order = new long[n];
        for (var i = 0; i < n; i++)
        {
            order[i] = i;
        }

        var validHasBothClasses = validLabels.Contains(true) && validLabels.Contains(false);
        var validPrAuc = new JsonArray();
        var trainLoss = new JsonArray();
        MlpNetwork? best = null;
        var bestPrAuc = double.NegativeInfinity;
        var bestEpoch = 0;
        var epoch = 0;
        var stoppedEarly = false;
        while (epoch < options.Epochs)
        {
            epoch++;
            var clock = Stopwatch.StartNew();
            module.train();
            random.Shuffle(order);
            double lossSum = 0;
            using (var permutation = tensor(order))
            {
                for (var start = 0; start < n; start += options.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var index = permutation.narrow(0, start, Math.Min(options.BatchSize, n - start));
                    var logits = module.forward(categorical.index_select(0, index), values.index_select(0, index));
                    var batchWeights = weights.index_select(0, index);
                    var summed = nn.functional.binary_cross_entropy_with_logits(logits, labels.index_select(0, index), batchWeights, nn.Reduction.Sum);
                    var loss = summed / batchWeights.sum().clamp_min(1e-12);
                    optimizer.zero_grad();
                    loss.backward();
                    optimizer.step();
                    lossSum += summed.item<float>();
                }
            }

            var epochLoss = totalWeight > 0 ? lossSum / totalWeight : 0;
            if (!double.IsFinite(epochLoss))
            {
                throw new InvalidOperationException($"candidate '{spec.Name}': training diverged in epoch {epoch} (loss {epochLoss}); lower 'learningRate' ({options.LearningRate})");
            }

            // The validation metric (stopMetric, PR-AUC by default) decides the kept epoch. Without both classes in the validation split it says nothing
            // (undefined without positives, 1 for any model without negatives), and then the last epoch is kept.
            var prAuc = double.NaN;
            if (validHasBothClasses)
            {
                prAuc = Search.SearchMetric.Compute(options.StopMetric, validLabels, module.Probabilities(valid, tables.Count, numeric.Count), options.Prevalence);
            }

            trainLoss.Add(Round(epochLoss));
            validPrAuc.Add(double.IsNaN(prAuc) ? null : Round(prAuc));
            var improved = double.IsNaN(prAuc) || prAuc > bestPrAuc;
            if (improved)
            {
                best = module.ToNetwork(tables, numeric);
                bestPrAuc = double.IsNaN(prAuc) ? double.NegativeInfinity : prAuc;
                bestEpoch = epoch;
            }

            clock.Stop();
            progress?.Report(string.Create(
                CultureInfo.InvariantCulture,
                $"{spec.Name}: epoch {epoch}/{options.Epochs} loss {epochLoss:F4} valid PR-AUC {(double.IsNaN(prAuc) ? "n/a" : prAuc.ToString("F4", CultureInfo.InvariantCulture))} (best {bestEpoch}) {clock.Elapsed.TotalSeconds:F2} s"));
            if (epoch - bestEpoch >= options.Patience)
            {
                stoppedEarly = true;
                break;
            }
        }

        var details = new JsonObject
        {
            ["epochsRun"] = epoch,
            ["bestEpoch"] = bestEpoch,
            ["stoppedEarly"] = stoppedEarly,
            ["bestValidPrAuc"] = double.IsFinite(bestPrAuc) ? Round(bestPrAuc) : null,
            ["validPrAuc"] = validPrAuc,
            ["trainLoss"] = trainLoss,
            ["parameterCount"] = parameterCount,
        };
        return (best!, details);
    }

    /// <summary>Refuses what would make training meaningless or crash inside libtorch, naming the problem.</summary>
    private static void CheckInputs(CandidateSpec spec, TrainingData data)
    {
        CheckColumns(spec);
        if (data.Train.Count == 0)
        {
            throw new ArgumentException($"candidate '{spec.Name}': no training rows");
        }

        for (var i = 0; i < data.Train.Count; i++)
        {
            var w = data.Train[i].Weight;
            if (!float.IsFinite(w) || w < 0)
            {
                throw new ArgumentException($"candidate '{spec.Name}': training row {i} has weight {w}; weights must be finite and ≥ 0");
            }
        }
    }

    private static void CheckColumns(CandidateSpec spec)
    {
        FeatureSchema.Validate(spec.Columns);
        if (spec.Columns.Count == 0)
        {
            throw new ArgumentException($"candidate '{spec.Name}': no feature columns");
        }

        var duplicate = spec.Columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"candidate '{spec.Name}': column '{duplicate.Key}' is listed twice");
        }
    }

    private static double Round(double value) => Math.Round(value, 6);
}
