using Ipsml.Features.Inputs;

namespace Ipsml.Features.Tests.Inputs;

public sealed class CloudJsonReaderTests
{
    [Fact]
    public void AwsPrefixesAndIpv6PrefixesWithCreateDate()
    {
        // The shape of cloud-ranges/aws-ip-ranges.json, with its first v4 and v6 entries.
        var text =
            "{\n  \"syncToken\": \"1753388594\",\n  \"createDate\": \"2025-07-24-20-23-14\",\n  \"prefixes\": [\n    {\n" +
            "      \"ip_prefix\": \"3.4.12.4/32\",\n      \"region\": \"eu-west-1\",\n      \"service\": \"AMAZON\",\n      \"network_border_group\": \"eu-west-1\"\n    }\n  ],\n" +
            "  \"ipv6_prefixes\": [\n    {\n      \"ipv6_prefix\": \"2600:1f69:7400::/40\",\n      \"region\": \"mx-central-1\"\n    }\n  ]\n}\n";
        var read = FeedRead.Text("cloud-json", text);
        Assert.Empty(read.Drops);
        Assert.Equal([(6L, "3.4.12.4/32"), (14L, "2600:1f69:7400::/40")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Equal(new DateTimeOffset(2025, 7, 24, 20, 23, 14, TimeSpan.Zero), read.Context.HeaderDate);
    }

    [Fact]
    public void OracleCidrsInsideRegionsWithLastUpdatedTimestamp()
    {
        var text = "{\"last_updated_timestamp\": \"2025-07-21T07:13:25.457838\", \"regions\": [{\"region\": \"us-ashburn-1\", \"cidrs\": [{\"cidr\": \"129.80.0.0/16\", \"tags\": [\"OCI\"]}, {\"cidr\": \"129.144.0.0/16\", \"tags\": [\"OCI\"]}]}]}";
        var read = FeedRead.Text("cloud-json", text);
        Assert.Equal([(1L, "129.80.0.0/16"), (2L, "129.144.0.0/16")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Equal(new DateTimeOffset(2025, 7, 21, 7, 13, 25, TimeSpan.Zero).AddTicks(4578380), read.Context.HeaderDate);
    }

    [Fact]
    public void GithubMetaTakesCidrsFromEveryArrayAndPassesOverKeysAndDomains()
    {
        var text = "{\"verifiable_password_authentication\":false,\"ssh_key_fingerprints\":{\"SHA256_RSA\":\"uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s\"}," +
            "\"ssh_keys\":[\"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\"]," +
            "\"hooks\":[\"192.30.252.0/22\",\"2a0a:a440::/29\"],\"dependabot\":[\"18.213.123.130/32\"]," +
            "\"domains\":{\"website\":[\"*.github.com\",\"*.github.io\"]}}";
        var read = FeedRead.Text("cloud-json", text);
        Assert.Empty(read.Drops);
        Assert.Equal([(1L, "192.30.252.0/22"), (2L, "2a0a:a440::/29"), (3L, "18.213.123.130/32")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Null(read.Context.HeaderDate);
    }

    [Fact]
    public void FastlyAddressArraysDropValuesThatAreNotNetworks()
    {
        var read = FeedRead.Text("cloud-json", "{\"addresses\":[\"23.235.32.0/20\",\"23.235.32.1/20\",\"nonsense\"],\"ipv6_addresses\":[\"2a04:4e40::/32\"]}");
        Assert.Equal([(1L, "23.235.32.0/20"), (4L, "2a04:4e40::/32")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Equal([(2L, DropReason.BadNetwork), (3L, DropReason.BadAddress)], read.Drops.Select(d => (d.Line, d.Reason)));
    }

    [Fact]
    public void GooglePrefixesWithCreationTime()
    {
        var text = "{\n  \"syncToken\": \"1714053903689\",\n  \"creationTime\": \"2024-04-25T07:05:03.68994\",\n  \"prefixes\": [{\n    \"ipv4Prefix\": \"8.8.4.0/24\"\n  }, {\n    \"ipv6Prefix\": \"2001:4860::/32\"\n  }]\n}\n";
        var read = FeedRead.Text("cloud-json", text);
        Assert.Equal([(5L, "8.8.4.0/24"), (7L, "2001:4860::/32")], read.Records.Select(r => (r.Line, r.Network!.Value.ToString())));
        Assert.Equal(new DateTimeOffset(2024, 4, 25, 7, 5, 3, TimeSpan.Zero).AddTicks(6899400), read.Context.HeaderDate);
    }

    [Fact]
    public void TruncatedJsonKeepsWhatWasReadAndAddsOneMalformedDrop()
    {
        var read = FeedRead.Text("cloud-json", "{\"prefixes\": [{\"ipv4Prefix\": \"8.8.4.0/24\"}, {\"ipv4Prefix\": \"8.8.8");
        Assert.Equal(["8.8.4.0/24"], read.Records.Select(r => r.Network!.Value.ToString()));
        Assert.Equal(DropReason.Malformed, Assert.Single(read.Drops).Reason);
    }

    [Fact]
    public void EmptyTextIsOneMalformedDrop()
    {
        Assert.Equal(DropReason.Malformed, Assert.Single(FeedRead.Text("cloud-json", "").Drops).Reason);
    }
}
