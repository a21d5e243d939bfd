namespace Ipsml.Features.Geo;

/// <summary>Fetches a package tarball the way <c>npm pack NAME@VERSION</c> does. Its output is checked, never trusted.</summary>
internal interface INpmPacker
{
    /// <summary>Writes the tarball of <paramref name="spec"/> into the empty folder <paramref name="destination"/> and returns its path.</summary>
    /// <exception cref="GeoSourceException">npm is missing or the pack failed.</exception>
    string Pack(string spec, string destination, CancellationToken cancellationToken);
}
