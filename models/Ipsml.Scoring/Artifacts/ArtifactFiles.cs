namespace Ipsml.Scoring.Artifacts;

/// <summary>File names inside a published model version folder.</summary>
public static class ArtifactFiles
{
    public const string Manifest = "manifest.json";
    public const string Vocabulary = "vocab.json";
    public const string ModelDir = "model";
    public const string Card = "MODEL_CARD.md";
    public const string Sums = "SHA256SUMS";

    /// <summary>Artifact format version written by this build; a loader refuses any other.</summary>
    public const int FormatVersion = 1;
}
