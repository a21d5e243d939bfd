using Ipsml.Features;

namespace Ipsml.Training;

/// <summary>Encoded training and validation rows, and the vocabulary that encoded them.</summary>
public sealed record TrainingData(IReadOnlyList<FeatureRow> Train, IReadOnlyList<FeatureRow> Valid, FeatureVocabulary Vocabulary);
