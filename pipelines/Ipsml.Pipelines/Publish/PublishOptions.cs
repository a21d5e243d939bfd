namespace Ipsml.Pipelines.Publish;

/// <summary>The <c>publish</c> section of an experiment file.</summary>
public sealed class PublishOptions
{
    /// <summary>Model name: artifacts go to <c>models/NAME/VERSION/</c>.</summary>
    public string Name { get; set; } = "ipsml";
}
