using System.Net;
using Ipsml.Features;
using Ipsml.Features.Geo;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Scoring;

/// <summary>
/// Scores connections (remote address, UTC hour) with a published model: the same enrichment and encoding as
/// training (<see cref="FeatureEnricher"/>, <see cref="FeatureEncoder"/>), then the model, then the artifact's threshold.
/// Refuses geo databases other than the ones the model was trained with, unless told to allow them.
/// </summary>
public sealed class ConnectionScorer : IDisposable
{
    private readonly FeatureEnricher enricher;
    private readonly FeatureEncoder encoder;

    public ConnectionScorer(ModelArtifact artifact, IGeoLookup geo, bool allowGeoMismatch = false)
    {
        Artifact = artifact;
        GeoMismatch = DescribeGeoMismatch(artifact.Manifest, geo.Databases);
        if (GeoMismatch is not null && !allowGeoMismatch)
        {
            throw new ArtifactException($"{Path.Combine(artifact.Dir, ArtifactFiles.Manifest)}: {GeoMismatch}");
        }

        enricher = new FeatureEnricher(geo);
        encoder = new FeatureEncoder(artifact.Vocabulary);
    }

    public ModelArtifact Artifact { get; }

    /// <summary>Why the geo databases differ from the model's, when they do (and the mismatch was allowed).</summary>
    public string? GeoMismatch { get; }

    public double Threshold => Artifact.Manifest.Threshold;

    public ConnectionScore Score(IPAddress address, int hour) => Score([new Connection(address, hour)])[0];

    public IReadOnlyList<ConnectionScore> Score(IReadOnlyList<Connection> connections)
    {
        var raws = new RawFeatures[connections.Count];
        var rows = new FeatureRow[connections.Count];
        for (var i = 0; i < connections.Count; i++)
        {
            raws[i] = enricher.Enrich(connections[i].Address, connections[i].Hour);
            rows[i] = encoder.Encode(raws[i]);
        }

        var probabilities = Artifact.Model.Score(rows);
        var result = new ConnectionScore[connections.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new ConnectionScore(raws[i], probabilities[i], probabilities[i] >= Threshold);
        }

        return result;
    }

    internal static string? DescribeGeoMismatch(ArtifactManifest manifest, IReadOnlyList<GeoDatabaseInfo> actual)
    {
        foreach (var trained in manifest.Geo)
        {
            var here = actual.FirstOrDefault(d => d.Role == trained.Role && d.FileName == trained.FileName)
                ?? actual.FirstOrDefault(d => d.Role == trained.Role);
            if (here is null)
            {
                return $"the model was trained with a {trained.Role} database ({trained.DatabaseType} from {trained.Source}) and none is loaded";
            }

            if (!string.Equals(here.Sha256, trained.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                return $"the model was trained with {trained.Role} database {trained.DatabaseType} built {trained.BuildDate ?? "?"} (sha256 {trained.Sha256[..12]}…, {trained.Source}) but {here.DatabaseType} built {here.BuildDate ?? "?"} (sha256 {here.Sha256[..12]}…, {here.Source}) is loaded; features would differ";
            }
        }

        return null;
    }

    public void Dispose() => Artifact.Dispose();
}

/// <summary>A connection to score: the remote address and the UTC hour it was seen.</summary>
public readonly record struct Connection(IPAddress Address, int Hour);

/// <summary>The score of one connection, with the features that produced it.</summary>
public sealed record ConnectionScore(RawFeatures Features, float Probability, bool Malicious);
