using Ipsml.Features.Inputs;
using Ipsml.Scoring;

namespace Ipsml.Cli.Hunting;

/// <summary>
/// One line of <c>ip[,hour]</c> input: a connection, a bad line (<see cref="Detail"/> says why), or neither (a blank
/// or '#' comment line).
/// </summary>
internal readonly record struct IpHourItem(long Line, Connection? Connection, DropReason Reason, string? Detail)
{
    public bool IsBad => Detail is not null;
}
