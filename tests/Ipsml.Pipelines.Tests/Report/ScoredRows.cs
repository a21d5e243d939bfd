using Ipsml.Pipelines.Dataset;
using Ipsml.Pipelines.Report;

namespace Ipsml.Pipelines.Tests.Report;

/// <summary>Hand-written test rows for the report's own computations.</summary>
internal static class ScoredRows
{
    /// <summary>A test row with the given address, label, feeds ("a|b"), country and ASN, scored <paramref name="probability"/>.</summary>
    public static ScoredRow Row(string ip, bool malicious, float probability, string feeds = "feed", string? country = "US", long? asn = 64500, int hour = 3) =>
        new(DatasetRow.Parse($"{ip},{ip[..ip.LastIndexOf('.')]}.0/24,{(malicious ? 1 : 0)},{hour},row,,,{feeds},1.5,2.5,Etc/UTC,{country},{asn}"), probability);
}
