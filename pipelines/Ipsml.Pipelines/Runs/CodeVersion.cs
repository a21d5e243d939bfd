using System.Reflection;
using Ipsml.Features;

namespace Ipsml.Pipelines.Runs;

/// <summary>
/// A hash of the ipsml libraries' module version ids (deterministic builds: same source, same id) and the feature
/// schema version. Part of every stage key, so changed code re-runs the stages.
/// </summary>
public static class CodeVersion
{
    public static string Current { get; } = Compute(
        typeof(FeatureRow).Assembly,
        typeof(Scoring.IScoringModel).Assembly,
        typeof(Training.ICandidateTrainer).Assembly,
        typeof(CodeVersion).Assembly);

    private static string Compute(params Assembly[] assemblies) =>
        Hashing.Sha256(string.Join("|", assemblies.Select(a => $"{a.GetName().Name}:{a.ManifestModule.ModuleVersionId}").Append(FeatureSchema.Version)))[..16];
}
