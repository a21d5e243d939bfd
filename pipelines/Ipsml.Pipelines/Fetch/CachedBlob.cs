namespace Ipsml.Pipelines.Fetch;

/// <summary>A blob stored in the <see cref="ContentCache"/>: its hash, size and absolute path.</summary>
public sealed record CachedBlob(string Sha256, long Bytes, string Path);
