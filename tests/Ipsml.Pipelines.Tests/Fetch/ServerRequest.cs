namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>A request as <see cref="LoopbackHttpServer"/> received it; header names are case-insensitive.</summary>
internal sealed record ServerRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
