namespace Ipsml.Training;

/// <summary>
/// Trains one kind of candidate. Every kind takes the same inputs and saves a model folder that
/// Ipsml.Scoring.ModelLoader can load, so evaluation, publishing and scoring treat all kinds alike.
/// </summary>
public interface ICandidateTrainer
{
    string Kind { get; }

    /// <summary>
    /// Checks <paramref name="spec"/>'s parameters and columns as <see cref="Train"/> reads them, without data or
    /// training, so an experiment file can be checked before any stage runs. Throws <see cref="ArgumentException"/>
    /// naming the candidate and the parameter.
    /// </summary>
    void Validate(CandidateSpec spec);

    /// <summary>Trains and saves the model into <paramref name="modelDir"/> (created, empty). Throws <see cref="ArgumentException"/> for bad parameters.</summary>
    TrainedCandidate Train(CandidateSpec spec, TrainingData data, string modelDir, IProgress<string>? progress, CancellationToken cancellationToken);
}
