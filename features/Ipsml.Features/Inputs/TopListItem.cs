namespace Ipsml.Features.Inputs;

/// <summary>What <see cref="TopListReader"/> yields for each data line: an entry or a drop, never neither.</summary>
public readonly record struct TopListItem(TopListEntry? Entry, LineDrop? Drop);
