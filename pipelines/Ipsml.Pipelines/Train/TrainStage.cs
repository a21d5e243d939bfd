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

    private static void Validate(TrainOptions options)
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

            CandidateTrainers.Get(c.Kind);
            FeatureSchema.Validate(c.Columns ?? []);
        }
    }

    /// <summary>Reads a split and encodes it with the vocabulary (the one encoder scoring uses too).</summary>
    public static List<FeatureRow> Encode(string path, FeatureVocabulary vocabulary) =>
        [.. DatasetRow.ReadAll(path).Select(r => new FeatureEncoder(vocabulary).Encode(r.Features, r.Malicious))];

    private void Build(DatasetFiles dataset, TrainOptions options, int seed, TrainFiles output, CancellationToken cancellationToken)
    {
        var vocabulary = FeatureVocabulary.Load(dataset.Vocabulary);
        var train = Encode(dataset.Train, vocabulary);
        var valid = Encode(dataset.Valid, vocabulary);
        if (options.ClassWeights == "balanced")
        {
            var malicious = train.Count(r => r.Label);
            var benign = train.Count - malicious;
            if (malicious == 0 || benign == 0)
            {
                throw new InvalidDataException($"{dataset.Train}: the training split has {malicious} malicious and {benign} benign rows; both labels are needed");
            }

            var benignWeight = (float)malicious / benign;
            foreach (var r in train.Where(r => !r.Label))
            {
                r.Weight = benignWeight;
            }
        }

        var data = new TrainingData(train, valid, vocabulary);
        var summaries = new List<CandidateSummary>();
        using (var step = log.Step("train: candidates", options.Candidates.Count))
        {
            foreach (var c in options.Candidates)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var spec = new CandidateSpec(c.Name, c.Kind, c.Columns ?? [.. FeatureSchema.DefaultColumns], c.Parameters, seed);
                var progress = new Progress<string>(log.Info);
                var trained = CandidateTrainers.Get(c.Kind).Train(spec, data, output.CandidateDir(c.Name), progress, cancellationToken);
                var description = ModelDescription.Load(trained.ModelDir);
                summaries.Add(new CandidateSummary
                {
                    Name = c.Name,
                    Kind = c.Kind,
                    Columns = spec.Columns,
                    Parameters = description.Parameters,
                    TrainingSeconds = Math.Round(trained.TrainingSeconds, 3),
                    SizeBytes = trained.SizeBytes,
                    TrainRows = train.Count,
                    Details = trained.Details,
                });
                log.Info($"train: {c.Name} ({c.Kind}) in {trained.TrainingSeconds:F1} s, {trained.SizeBytes / 1024.0:F0} KiB");
                step.Advance();
            }
        }

        File.WriteAllText(output.Summary, JsonSerializer.Serialize(summaries, RunStore.JsonOptions));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex NamePattern();
}

public sealed record TrainResult(StageOutcome Outcome, IReadOnlyList<CandidateSummary> Candidates);
