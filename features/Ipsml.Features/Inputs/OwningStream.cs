namespace Ipsml.Features.Inputs;

/// <summary>A read-only view of a stream that also disposes its owner (a zip entry's archive) when disposed.</summary>
internal sealed class OwningStream(Stream inner, IDisposable owner) : ReadOnlyWrappingStream(inner)
{
    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            owner.Dispose();
        }
    }
}
