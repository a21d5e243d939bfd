namespace Ipsml.Onnx;

/// <summary>A model could not be exported to ONNX, or the exported file does not score like the native runtime. The message names the file and the reason.</summary>
public sealed class OnnxExportException : Exception
{
    public OnnxExportException(string message)
        : base(message)
    {
    }

    public OnnxExportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
