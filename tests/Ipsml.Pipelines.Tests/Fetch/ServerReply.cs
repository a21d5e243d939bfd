using System.Text;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>What <see cref="LoopbackHttpServer"/> sends back, including ways to misbehave.</summary>
internal sealed record ServerReply
{
    public int Status { get; init; } = 200;

    public string Reason { get; init; } = "OK";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public byte[] Body { get; init; } = [];

    /// <summary>Content-Length to announce; null announces the real length.</summary>
    public long? AnnouncedLength { get; init; }

    /// <summary>Send no Content-Length: the body ends when the connection closes.</summary>
    public bool CloseDelimited { get; init; }

    /// <summary>Wait this long before sending anything (cut short when the server stops).</summary>
    public TimeSpan Delay { get; init; }

    public static ServerReply Text(string body, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers) => new()
    {
        Body = Encoding.UTF8.GetBytes(body),
        Headers = [new("Content-Type", contentType), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
    };

    public static ServerReply WithStatus(int status, string reason, params (string Name, string Value)[] headers) => new()
    {
        Status = status,
        Reason = reason,
        Body = Encoding.UTF8.GetBytes(reason),
        Headers = [new("Content-Type", "text/plain"), .. headers.Select(h => new KeyValuePair<string, string>(h.Name, h.Value))],
    };
}
