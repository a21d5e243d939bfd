using Ipsml.Features.Net;

namespace Ipsml.Features.Inputs;

/// <summary>
/// Which end of a Zeek connection is the remote address (option "remote"): <c>resp</c> (default: id.resp_h, right
/// for outbound traffic), <c>orig</c> (id.orig_h, for inbound traffic, e.g. a sensor in front of servers) or
/// <c>auto</c>: the rule of <see cref="ConnectionSides"/>: the responder unless it is local and the originator is not
/// (local = not public unicast, per <see cref="AddressSpace"/>, or in the networks of option "local").
/// </summary>
internal enum ZeekRemote
{
    Resp,
    Orig,
    Auto,
}
