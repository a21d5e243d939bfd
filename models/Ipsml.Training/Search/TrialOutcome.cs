namespace Ipsml.Training.Search;

/// <summary>What the objective reports for one trained configuration: its validation metric (higher is better), its model and that model's size.</summary>
internal sealed record TrialOutcome<TModel>(double Metric, long SizeBytes, TModel? Model)
    where TModel : class;
