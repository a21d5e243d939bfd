using Ipsml.Features.Geo;

namespace Ipsml.Features.Tests.Geo;

/// <summary>Stands in for <c>npm pack</c>: copies a prepared tarball for each known spec and counts the calls.</summary>
internal sealed class FakeNpmPacker(IReadOnlyDictionary<string, string> tarballs) : INpmPacker
{
    private int calls;

    public int Calls => calls;

    public string Pack(string spec, string destination, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref calls);
        if (!tarballs.TryGetValue(spec, out var source))
        {
            throw new GeoSourceException($"fake npm: no package {spec}");
        }

        Directory.CreateDirectory(destination);
        var target = Path.Combine(destination, Path.GetFileName(source));
        File.Copy(source, target);
        return target;
    }
}
