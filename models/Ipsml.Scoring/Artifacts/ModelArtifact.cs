using System.Text.Json;
using Ipsml.Features;

namespace Ipsml.Scoring.Artifacts;

/// <summary>
/// A published model version, verified and loaded: checksums, artifact format and feature schema are checked
/// before anything is used, and a mismatch is refused with an <see cref="ArtifactException"/>.
/// </summary>
public sealed class ModelArtifact : IDisposable
{
    private ModelArtifact(string dir, ArtifactManifest manifest, FeatureVocabulary vocabulary, IScoringModel model)
    {
        Dir = dir;
        Manifest = manifest;
        Vocabulary = vocabulary;
        Model = model;
    }

    public string Dir { get; }

    public ArtifactManifest Manifest { get; }

    public FeatureVocabulary Vocabulary { get; }

    public IScoringModel Model { get; }

    public static ModelArtifact Load(string dir)
    {
        dir = Path.GetFullPath(dir);
        if (!Directory.Exists(dir))
        {
            throw new ArtifactException($"{dir}: no such model artifact folder");
        }

        ArtifactSums.Verify(dir);
        var manifest = ReadManifest(dir);
        FeatureVocabulary vocabulary;
        try
        {
            vocabulary = FeatureVocabulary.Load(Path.Combine(dir, ArtifactFiles.Vocabulary));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new ArtifactException(e.Message, e);
        }

        var model = ModelLoader.Load(Path.Combine(dir, ArtifactFiles.ModelDir));
        return new ModelArtifact(dir, manifest, vocabulary, model);
    }

    public static ArtifactManifest ReadManifest(string dir)
    {
        var path = Path.Combine(dir, ArtifactFiles.Manifest);
        if (!File.Exists(path))
        {
            throw new ArtifactException($"{path}: missing manifest");
        }

        ArtifactManifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<ArtifactManifest>(File.ReadAllText(path), ArtifactManifest.JsonOptions)
                ?? throw new ArtifactException($"{path}: empty manifest");
        }
        catch (JsonException e)
        {
            throw new ArtifactException($"{path}: line {(e.LineNumber ?? 0) + 1}: not a model manifest: {e.Message}", e);
        }

        if (manifest.Format != ArtifactFiles.FormatVersion)
        {
            throw new ArtifactException($"{path}: artifact format {manifest.Format} is not supported by this build (expects {ArtifactFiles.FormatVersion})");
        }

        if (manifest.Features.Version != FeatureSchema.Version)
        {
            throw new ArtifactException($"{path}: feature schema '{manifest.Features.Version}' does not match this build's '{FeatureSchema.Version}'");
        }

        return manifest;
    }

    public void Dispose() => Model.Dispose();
}
