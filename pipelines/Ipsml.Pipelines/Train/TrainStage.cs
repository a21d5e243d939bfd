using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ipsml.Features;
using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Runs;
using Ipsml.Scoring;
using Ipsml.Training;

namespace Ipsml.Pipelines.Train;

/// <summary>
/// train: encodes the dataset's train and valid splits with its vocabulary and trains every candidate of the
/// experiment, each into its own model folder, all from the same rows and the same seed.
/// </summary>
public sealed partial class TrainStage(RunLayout layout, IPipelineLog log)
{
    public TrainResult Run(string datasetKey, TrainOptions options, int seed, bool force, CancellationToken cancellationToken)
    {
        Validate(options);
        var inputs = new JsonObject
        {
            ["dataset"] = datasetKey,
            ["options"] = JsonSerializer.SerializeToNode(options),
            ["seed"] = seed,
        };
        var outcome = new StageRunner(layout).Run(StageNames.Train, inputs, force, dir =>
            Build(layout.Dataset(datasetKey), options, seed, new TrainFiles(dir), cancellationToken));
        var candidates = JsonSerializer.Deserialize<List<CandidateSummary>>(File.ReadAllText(layout.Train(outcome.Key).Summary))!;
        return new TrainResult(outcome, candidates);
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the first bad value of the train section: no candidates, a bad
    /// name or class-weight rule, a name used twice, an unknown kind or column, or a parameter the candidate's
    /// trainer refuses (checked by the trainer without training).
    /// </summary>
    internal static void Validate(TrainOptions options)
    {
        if (options.Candidates.Count == 0)
        {
            throw new ArgumentException("train.candidates: at least one candidate is needed");
        }

        if (!TrainOptions.ClassWeightRules.Contains(options.ClassWeights))
        {
            throw new ArgumentException($"train.classWeights: '{options.ClassWeights}' is not one of {string.Join(", ", TrainOptions.ClassWeightRules)}");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in options.Candidates)
        {
            if (!NamePattern().IsMatch(c.Name))
            {
                throw new ArgumentException($"train.candidates: name '{c.Name}' must be lower-case kebab-case");
            }

            if (!names.Add(c.Name))
            {
                throw new ArgumentException($"train.candidates: name '{c.Name}' is used twice");
            }

            try
            {
                CandidateTrainers.Get(c.Kind).Validate(new CandidateSpec(c.Name, c.Kind, c.Columns ?? [.. FeatureSchema.DefaultColumns], c.Parameters, Seed: 0));
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException(e.Message.StartsWith("candidate '", StringComparison.Ordinal) ? $"train.candidates: {e.Message}" : $"train.candidates: candidate '{c.Name}': {e.Message}", e);
            }
        }
    }

    /// <summary>Reads a split and encodes it with the vocabulary (the one encoder scoring uses too).</summary>
    public static List<FeatureRow> Encode(string path, FeatureVocabulary vocabulary) =>
        [.. DatasetRow.ReadAll(path).Select(r => new FeatureEncoder(vocabulary).Encode(r.Features, r.Malicious))];

    private void Build(DatasetFiles dataset, TrainOptions options, int seed, TrainFiles output, CancellationToken cancellationToken)
    {
        var summaries = new List<CandidateSummary>();
        var schemes = options.Temporal && File.Exists(dataset.Scheme(SplitSchemes.Temporal).Train) ? SplitSchemes.All : [SplitSchemes.Group];
        using var step = log.Step("train: candidates", options.Candidates.Count * schemes.Count);
        foreach (var scheme in schemes)
        {
            var files = dataset.Scheme(scheme);
            var data = Load(files, options.ClassWeights);
            if (data is null)
            {
                // The group split must be trainable; the temporal one may lack a label when dates are scarce.
                log.Warn($"train: the {scheme} split lacks malicious or benign rows in train or valid; no {scheme} models");
                continue;
            }

            foreach (var c in options.Candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var spec = new CandidateSpec(c.Name, c.Kind, c.Columns ?? [.. FeatureSchema.DefaultColumns], c.Parameters, seed);
                var trained = CandidateTrainers.Get(c.Kind).Train(spec, data, output.CandidateDir(scheme, c.Name), new Progress<string>(log.Info), cancellationToken);
                summaries.Add(new CandidateSummary
                {
                    Name = c.Name,
                    Kind = c.Kind,
                    Scheme = scheme,
                    Columns = spec.Columns,
                    Parameters = ModelDescription.Load(trained.ModelDir).Parameters,
                    TrainingSeconds = Math.Round(trained.TrainingSeconds, 3),
                    SizeBytes = trained.SizeBytes,
                    TrainRows = data.Train.Count,
                    Details = trained.Details,
                });
                log.Info($"train: {c.Name} ({c.Kind}, {scheme} split) in {trained.TrainingSeconds:F1} s, {trained.SizeBytes / 1024.0:F0} KiB");
                step.Advance();
            }
        }

        if (!summaries.Any(s => s.Scheme == SplitSchemes.Group))
        {
            throw new InvalidDataException($"{dataset.Train}: the group split's train or valid rows lack malicious or benign rows; nothing can be trained");
        }

        File.WriteAllText(output.Summary, JsonSerializer.Serialize(summaries, RunStore.JsonOptions));
    }

    /// <summary>A scheme's encoded train and valid rows with class weights; null when either split lacks a label.</summary>
    private static TrainingData? Load(SchemeFiles files, string classWeights)
    {
        var vocabulary = FeatureVocabulary.Load(files.Vocabulary);
        var train = Encode(files.Train, vocabulary);
        var valid = Encode(files.Valid, vocabulary);
        var malicious = train.Count(r => r.Label);
        var benign = train.Count - malicious;
        if (malicious == 0 || benign == 0 || valid.All(r => r.Label) || valid.All(r => !r.Label))
        {
            return null;
        }

        if (classWeights == "balanced")
        {
            var benignWeight = (float)malicious / benign;
            foreach (var r in train.Where(r => !r.Label))
            {
                r.Weight = benignWeight;
            }
        }

        return new TrainingData(train, valid, vocabulary);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}

public sealed record TrainResult(StageOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates);
