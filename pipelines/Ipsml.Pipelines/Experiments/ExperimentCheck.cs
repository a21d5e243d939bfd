using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Evaluate;
using Ipsml.Pipelines.Fetch;
using Ipsml.Pipelines.Observations;
using Ipsml.Pipelines.Publish;
using Ipsml.Pipelines.Train;

namespace Ipsml.Pipelines.Experiments;

/// <summary>
/// Checks a whole experiment before any stage runs (<c>ipsml fetch</c> does, on the file the user named): every
/// section is bound to its options type and passed through the checks its stage runs, including each candidate's
/// kind, columns and parameters (read by its trainer without training), the evaluate metric and the publish gate.
/// So a typo in <c>evaluate</c> fails in seconds instead of after training.
/// </summary>
public static class ExperimentCheck
{
    /// <summary>Throws <see cref="InvalidDataException"/> naming the file and every section's first problem, one per line.</summary>
    /// <param name="registry">The feed registry the run reads; <c>observations.include</c>/<c>exclude</c> must name its feeds.</param>
    public static void Run(Experiment experiment, FeedRegistry registry)
    {
        var problems = new List<string>();
        void Check(string section, Action check)
        {
            try
            {
                check();
            }
            catch (InvalidDataException e)
            {
                // Bind's messages already name the file.
                problems.Add(e.Message.StartsWith(experiment.Path + ": ", StringComparison.Ordinal) ? e.Message[(experiment.Path.Length + 2)..] : e.Message);
            }
            catch (ArgumentException e)
            {
                problems.Add(e.Message);
            }
        }

        Check("observations", () =>
        {
            var o = experiment.Bind<ObservationsOptions>("observations");
            ObservationsStage.Validate(o);
            o.SelectFeeds(registry);
        });
        Check("dataset", () => DatasetStage.Validate(experiment.Bind<DatasetOptions>("dataset")));
        Check("train", () => TrainStage.Validate(experiment.Bind<TrainOptions>("train")));
        Check("evaluate", () => EvaluateStage.Validate(experiment.Bind<EvaluateOptions>("evaluate")));
        Check("publish", () => experiment.Bind<PublishOptions>("publish").Validate());
        if (problems.Count == 1)
        {
            throw new InvalidDataException($"{experiment.Path}: {problems[0]}");
        }

        if (problems.Count > 1)
        {
            throw new InvalidDataException($"{experiment.Path}: {problems.Count} problems:{string.Concat(problems.Select(p => "\n  " + p))}");
        }
    }
}
