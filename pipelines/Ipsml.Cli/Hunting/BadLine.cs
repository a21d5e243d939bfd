using Ipsml.Features.Inputs;

namespace Ipsml.Cli.Hunting;

/// <summary>An input line that was not used: where, why, and a short detail.</summary>
internal readonly record struct BadLine(int Source, long Line, DropReason Reason, string Detail);
