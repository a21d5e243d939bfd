namespace Ipsml.Scoring;

/// <summary>A model artifact or model folder that cannot be used: missing file, hash mismatch, other schema. The message names the file and the reason.</summary>
public sealed class ArtifactException : Exception
{
    public ArtifactException(string message)
        : base(message)
    {
    }

    public ArtifactException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
