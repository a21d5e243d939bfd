using Ipsml.Features.Inputs;

namespace Ipsml.Features.Geo;

/// <summary>A line of a geo database file that could not be used: which file, which line (1-based), why.</summary>
public sealed record GeoFileDrop(string File, long Line, DropReason Reason, string Detail);
