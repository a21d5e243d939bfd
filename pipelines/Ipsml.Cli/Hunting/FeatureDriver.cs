namespace Ipsml.Cli.Hunting;

/// <summary>
/// One feature's part in a score: its value for the connection and how much the probability drops when the model
/// does not get it (<see cref="ScoreExplainer"/>); positive: the value pushed the score up.
/// </summary>
internal readonly record struct FeatureDriver(string Feature, string Value, double Delta);
