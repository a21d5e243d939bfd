using Ipsml.Features;
using Ipsml.Scoring.Kinds;

namespace Ipsml.Scoring;

/// <summary>Loads a saved model folder of any kind, dispatching on its <c>model.json</c>.</summary>
public static class ModelLoader
{
    public static IScoringModel Load(string dir)
    {
        var description = ModelDescription.Load(dir);
        FeatureSchema.Validate(description.Columns);
        return description.Kind switch
        {
            MlNetScoringModel.KindName => MlNetScoringModel.Load(dir, description),
            MlpScoringModel.KindName => MlpScoringModel.Load(dir, description),
            _ => throw new ArtifactException($"{Path.Combine(dir, ModelDescription.FileName)}: unknown model kind '{description.Kind}'"),
        };
    }

    /// <summary>Bytes on disk of a model folder (all files, recursively).</summary>
    public static long SizeOnDisk(string dir) =>
        new DirectoryInfo(dir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
