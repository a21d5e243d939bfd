using Ipsml.Pipelines.Gate;

namespace Ipsml.Pipelines.Publish;

/// <summary>The <c>publish</c> section of an experiment file.</summary>
public sealed class PublishOptions
{
    /// <summary>Model name: artifacts go to <c>models/NAME/VERSION/</c>.</summary>
    public string Name { get; set; } = "ipsml";

    /// <summary>The champion gate (<c>ipsml gate</c>): tolerance against the champion, size and latency budgets.</summary>
    public GateOptions Gate { get; set; } = new();

    /// <summary>
    /// Export <c>model/model.onnx</c> for other engines and verify it against the native runtime (default true). A
    /// failed export fails the publish; set false to publish without ONNX.
    /// </summary>
    public bool Onnx { get; set; } = true;
}
