using System.Net;
using Ipsml.Features.Net;

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

    public static IPAddress Choose(this ZeekRemote side, IPAddress? orig, IPAddress? resp) => side switch
    {
        ZeekRemote.Orig => orig!,
        ZeekRemote.Resp => resp!,
        _ => AddressSpace.Classify(orig!) is not null || AddressSpace.Classify(resp!) is null ? resp! : orig!,
    };
}
