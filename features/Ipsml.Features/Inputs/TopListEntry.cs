namespace Ipsml.Features.Inputs;

/// <summary>One row of a top-sites list.</summary>
/// <param name="Line">1-based line number in the source file.</param>
/// <param name="Rank">Popularity rank, 1 = most popular.</param>
/// <param name="Domain">The name, lower-cased, without a trailing dot.</param>
public readonly record struct TopListEntry(long Line, long Rank, string Domain);
