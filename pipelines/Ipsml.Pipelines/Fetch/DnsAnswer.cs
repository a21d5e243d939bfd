using System.Text.Json.Serialization;

namespace Ipsml.Pipelines.Fetch;

/// <summary>
/// One cached DNS answer: the addresses a domain had when it was resolved. Empty lists mean "no address"
/// (NXDOMAIN or no records); a null AAAA list means IPv6 was not asked.
/// </summary>
internal sealed record DnsAnswer
{
    [JsonPropertyName("resolvedAt")]
    public required DateTimeOffset ResolvedAt { get; init; }

    [JsonPropertyName("a")]
    public required IReadOnlyList<string> A { get; init; }

    [JsonPropertyName("aaaa")]
    public IReadOnlyList<string>? Aaaa { get; init; }
}
