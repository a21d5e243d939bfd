namespace Ipsml.Pipelines.Report;

/// <summary>
/// How much the winner's test-split ROC-AUC and PR-AUC drop when one input column is shuffled across rows
/// (permutation importance): mean and standard deviation over the repeats.
/// </summary>
public sealed record FeatureImportance(string Column, double RocAucDrop, double RocAucDropStd, double PrAucDrop, double PrAucDropStd);
