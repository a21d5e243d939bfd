namespace Ipsml.Training;

/// <summary>
/// Trains one kind of candidate. Every kind takes the same inputs and saves a model folder that
/// Ipsml.Scoring.ModelLoader can load, so evaluation, publishing and scoring treat all kinds alike.
/// </summary>
public interface ICandidateTrainer
{
    string Kind { get; }

    /// <summary>Trains and saves the model into <paramref name="modelDir"/> (created, empty). Throws <see cref="ArgumentException"/> for bad parameters.</summary>
    TrainedCandidate Train(CandidateSpec spec, TrainingData data, string modelDir, IProgress<string>? progress, CancellationToken cancellationToken);
}
