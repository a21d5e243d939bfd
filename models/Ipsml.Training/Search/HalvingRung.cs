namespace Ipsml.Training.Search;

/// <summary>One rung of successive halving: how many configurations it trains and on how many training rows.</summary>
internal sealed record HalvingRung(int Index, int Configurations, int Rows);
