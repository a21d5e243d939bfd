using Ipsml.Features.Net;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Which end of a Zeek connection is the remote address (option "remote"): <c>resp</c> (default: id.resp_h, right
/// for outbound traffic), <c>orig</c> (id.orig_h, for inbound traffic, e.g. a sensor in front of servers) or
/// <c>auto</c>: if id.orig_h is local (not public unicast, per <see cref="AddressSpace"/>) and id.resp_h public, the
/// responder; if id.orig_h is public and id.resp_h local, the originator; otherwise (both local or both public) the responder.
/// </summary>
internal enum ZeekRemote
{
    Resp,
    Orig,
    Auto,
}
