using System.Net;
using Ipsml.Features.Inputs;

namespace Ipsml.Features.Net;

/// <summary>One row of the special-purpose address table behind <see cref="AddressSpace"/>.</summary>
/// <param name="Network">The block.</param>
/// <param name="Reason">Why an address in it is not a public unicast address.</param>
/// <param name="Name">The registry's name for the block and the RFC that set it aside.</param>
public sealed record SpecialRange(IPNetwork Network, DropReason Reason, string Name);
