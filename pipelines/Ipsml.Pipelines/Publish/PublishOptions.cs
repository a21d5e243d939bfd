using System.Text.RegularExpressions;
using Ipsml.Pipelines.Gate;

namespace Ipsml.Pipelines.Publish;

/// <summary>The <c>publish</c> section of an experiment file.</summary>
public sealed partial class PublishOptions
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

    /// <summary>Throws <see cref="ArgumentException"/> naming the first bad value: a name unfit for a folder and a package id, or a bad gate budget.</summary>
    public void Validate()
    {
        if (!NamePattern().IsMatch(Name))
        {
            throw new ArgumentException($"publish.name: '{Name}' must be letters, digits, '.', '_' or '-', starting with a letter or digit (it names models/NAME/ and the package Ipsml.Model.NAME)");
        }

        Gate.Validate();
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();
}
