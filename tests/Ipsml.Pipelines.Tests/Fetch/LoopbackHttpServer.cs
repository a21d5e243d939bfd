using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, one request per connection ("Connection: close"),
/// that answers whatever the test's handler says, including slow, truncated, oversized and looping replies.
/// It stops on dispose, or by itself after <c>lifetime</c> (60 s by default), so a stuck test cannot keep it alive.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 64 * 1024;

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);

    private readonly CancellationTokenSource stop;

    private readonly Func<ServerRequest, int, ServerReply> handler;

    private readonly ConcurrentQueue<ServerRequest> requests = new();

    private readonly ConcurrentDictionary<string, int> perPath = new(StringComparer.Ordinal);

    private readonly ConcurrentBag<Task> connections = [];

    private readonly Task acceptLoop;

    /// <param name="handler">Gets the request and how many earlier requests asked for the same path.</param>
    public LoopbackHttpServer(Func<ServerRequest, int, ServerReply> handler, TimeSpan? lifetime = null)
    {
        this.handler = handler;
        stop = new CancellationTokenSource(lifetime ?? TimeSpan.FromSeconds(60));
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public IReadOnlyList<ServerRequest> Requests => requests.ToArray();

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public int CountFor(string path) => Requests.Count(r => r.Path == path);

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await acceptLoop;
        await Task.WhenAll(connections);
        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var request = await ReadRequestAsync(stream);
                if (request is null)
                {
                    return;
                }

                var index = perPath.AddOrUpdate(request.Path, 0, (_, n) => n + 1);
                requests.Enqueue(request);
                var reply = handler(request, index);
                if (reply.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(reply.Delay, stop.Token);
                }

                var head = new StringBuilder();
                head.Append($"HTTP/1.1 {reply.Status} {reply.Reason}\r\n");
                foreach (var (name, value) in reply.Headers)
                {
                    head.Append($"{name}: {value}\r\n");
                }

                if (!reply.CloseDelimited)
                {
                    head.Append($"Content-Length: {reply.AnnouncedLength ?? reply.Body.Length}\r\n");
                }

                head.Append("Connection: close\r\n\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), stop.Token);
                await stream.WriteAsync(reply.Body, stop.Token);
                await stream.FlushAsync(stop.Token);
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client gave up (timeout, cap) or the server is stopping.
            }
        }
    }

    private async Task<ServerRequest?> ReadRequestAsync(NetworkStream stream)
    {
        var buffer = new byte[MaxHeadBytes];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(length), stop.Token);
            if (read == 0)
            {
                return null;
            }

            length += read;
            var text = Encoding.ASCII.GetString(buffer, 0, length);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end < 0)
            {
                continue;
            }

            var lines = text[..end].Split("\r\n");
            var first = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            return new ServerRequest(first[0], first.Length > 1 ? first[1] : "/", headers);
        }

        return null;
    }
}
