namespace Ipsml.Pipelines.Fetch;

/// <summary>One usable row of a top list: its rank as written and the lower-case domain.</summary>
internal readonly record struct TopListEntry(int Rank, string Domain);
