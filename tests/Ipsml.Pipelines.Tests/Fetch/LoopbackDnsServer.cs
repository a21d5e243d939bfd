using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ipsml.Pipelines.Tests.Fetch;

/// <summary>
/// A minimal UDP DNS responder on 127.0.0.1 and a free port. It answers A and AAAA questions from a fixed zone
/// (name -> addresses, answered in the order given), NXDOMAIN for names not in the zone, SERVFAIL for names in
/// <c>failing</c>, and nothing at all for names in <c>silent</c>. It stops on dispose, or by itself after 60 s.
/// </summary>
internal sealed class LoopbackDnsServer : IAsyncDisposable
{
    private const ushort TypeA = 1;

    private const ushort TypeAaaa = 28;

    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(60));

    private readonly IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> zone;

    private readonly IReadOnlySet<string> failing;

    private readonly IReadOnlySet<string> silent;

    private readonly ConcurrentQueue<(string Name, ushort Type)> queries = new();

    private readonly Task loop;

    public LoopbackDnsServer(
        IReadOnlyDictionary<string, IReadOnlyList<IPAddress>> zone,
        IReadOnlySet<string>? failing = null,
        IReadOnlySet<string>? silent = null)
    {
        this.zone = zone;
        this.failing = failing ?? new HashSet<string>();
        this.silent = silent ?? new HashSet<string>();
        EndPoint = (IPEndPoint)socket.Client.LocalEndPoint!;
        loop = Task.Run(ServeAsync);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Every question received, as (name, type) with type 1 = A, 28 = AAAA.</summary>
    public IReadOnlyList<(string Name, ushort Type)> Queries => queries.ToArray();

    public IReadOnlyList<string> NamesAsked => Queries.Select(q => q.Name).Distinct().ToList();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        socket.Dispose();
        await loop;
        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var reply = Answer(received.Buffer);
            if (reply is null)
            {
                continue;
            }

            try
            {
                await socket.SendAsync(reply, received.RemoteEndPoint, stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 12 || BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(4)) != 1)
        {
            return null;
        }

        // Question: labels from offset 12 to a zero byte, then type and class.
        var labels = new List<string>();
        var at = 12;
        while (at < query.Length && query[at] != 0)
        {
            int length = query[at];
            if (at + 1 + length > query.Length)
            {
                return null;
            }

            labels.Add(Encoding.ASCII.GetString(query, at + 1, length));
            at += 1 + length;
        }

        if (at + 5 > query.Length)
        {
            return null;
        }

        var questionEnd = at + 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(at + 1));
        var name = string.Join('.', labels).ToLowerInvariant();
        queries.Enqueue((name, type));
        if (silent.Contains(name))
        {
            return null;
        }

        byte rcode = 0;
        IReadOnlyList<IPAddress> answers = [];
        if (failing.Contains(name))
        {
            rcode = 2;
        }
        else if (!zone.TryGetValue(name, out var addresses))
        {
            rcode = 3;
        }
        else
        {
            var family = type == TypeAaaa ? AddressFamily.InterNetworkV6 : AddressFamily.InterNetwork;
            answers = type is TypeA or TypeAaaa ? addresses.Where(a => a.AddressFamily == family).ToList() : [];
        }

        var reply = new List<byte>();
        reply.AddRange(query.AsSpan(0, 2).ToArray());                       // id
        reply.Add((byte)(0x80 | (query[2] & 0x01)));                        // QR, RD copied
        reply.Add((byte)(0x80 | rcode));                                    // RA, rcode
        reply.AddRange([0, 1]);                                             // QDCOUNT
        reply.AddRange([(byte)(answers.Count >> 8), (byte)answers.Count]);  // ANCOUNT
        reply.AddRange([0, 0, 0, 0]);                                       // NSCOUNT, ARCOUNT
        reply.AddRange(query.AsSpan(12, questionEnd - 12).ToArray());
        foreach (var address in answers)
        {
            var data = address.GetAddressBytes();
            reply.AddRange([0xC0, 0x0C]);                                   // name: pointer to the question
            reply.AddRange([(byte)(type >> 8), (byte)type, 0, 1]);          // type, class IN
            reply.AddRange([0, 0, 0x0E, 0x10]);                             // TTL 3600
            reply.AddRange([(byte)(data.Length >> 8), (byte)data.Length]);
            reply.AddRange(data);
        }

        return reply.ToArray();
    }
}
