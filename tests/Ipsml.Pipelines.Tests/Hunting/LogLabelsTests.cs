using Ipsml.Cli.Hunting;

namespace Ipsml.Pipelines.Tests.Hunting;

public sealed class LogLabelsTests
{
    [Theory]
    [InlineData("Malicious", true)]
    [InlineData("malicious", true)]
    [InlineData("From-Botnet-V42-TCP-CC6-Plain-HTTP", true)]
    [InlineData("From_malicious-To_malicious-Malware_data_exfiltration-RemcosRAT", true)]
    [InlineData("Benign", false)]
    [InlineData("From-Normal-V42-Grill", false)]
    [InlineData("To-Normal-V42-UDP-DNS", false)]
    [InlineData("Background", null)]
    [InlineData("Background-Established-cmpgw-CVUT", null)]
    [InlineData("Unknown", null)]
    [InlineData("NotMalicious", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Stratosphere_labels_map_to_classes_by_whole_words(string? label, bool? expected) =>
        Assert.Equal(expected, LogLabels.ClassOf(label));
}
