using System.Net;
using System.Web;

namespace Ipsml.Features.Tests.Geo;

/// <summary>Answers MaxMind download requests from prepared files, keyed by edition and suffix; records every request.</summary>
internal sealed class FakeMaxMindHandler : HttpMessageHandler
{
    private readonly Dictionary<(string Edition, string Suffix), byte[]> files = [];

    public List<Uri> Requests { get; } = [];

    public HttpStatusCode? FailWith { get; set; }

    public void Serve(string edition, string suffix, byte[] content) => files[(edition, suffix)] = content;

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        Requests.Add(uri);
        if (FailWith is { } status)
        {
            return new HttpResponseMessage(status);
        }

        var query = HttpUtility.ParseQueryString(uri.Query);
        return files.TryGetValue((query["edition_id"]!, query["suffix"]!), out var content)
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) }
            : new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Task.FromResult(Send(request, cancellationToken));
}
