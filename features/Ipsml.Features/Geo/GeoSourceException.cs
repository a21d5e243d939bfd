namespace Ipsml.Features.Geo;

/// <summary>A geo database could not be found, fetched, verified or opened. The message says what to install or set.</summary>
public sealed class GeoSourceException : Exception
{
    public GeoSourceException(string message)
        : base(message)
    {
    }

    public GeoSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
