namespace Ipsml.Features.Inputs;

/// <summary>How <see cref="FeedFile"/> found a file packed.</summary>
internal enum FilePacking
{
    Plain,
    Gzip,
    Zip,
}
