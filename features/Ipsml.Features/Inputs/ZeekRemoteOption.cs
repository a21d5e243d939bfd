using System.Net;

namespace Ipsml.Features.Inputs;

/// <summary>Reading and applying <see cref="ZeekRemote"/>.</summary>
internal static class ZeekRemoteOption
{
    public static ZeekRemote Parse(IReadOnlyDictionary<string, string> options) =>
        options.GetValueOrDefault(ReaderOptions.Remote) switch
        {
            null or "" or "resp" => ZeekRemote.Resp,
            "orig" => ZeekRemote.Orig,
            "auto" => ZeekRemote.Auto,
            var other => throw new ArgumentException($"option '{ReaderOptions.Remote}' must be resp, orig or auto, not '{other}'", nameof(options)),
        };

    /// <summary>Whether the side needs the originator's address parsed.</summary>
    public static bool NeedsOrig(this ZeekRemote side) => side != ZeekRemote.Resp;

    /// <summary>Whether the side needs the responder's address parsed.</summary>
    public static bool NeedsResp(this ZeekRemote side) => side != ZeekRemote.Orig;

    /// <summary>The remote end, and the other end when it was parsed (<c>auto</c> parses both).</summary>
    public static (IPAddress Remote, IPAddress? Peer) Choose(this ZeekRemote side, ConnectionSides sides, IPAddress? orig, IPAddress? resp) => side switch
    {
        ZeekRemote.Orig => (orig!, resp),
        ZeekRemote.Resp => (resp!, orig),
        _ => sides.Choose(orig!, resp!),
    };
}
