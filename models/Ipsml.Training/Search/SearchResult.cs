namespace Ipsml.Training.Search;

/// <summary>The log of a search, its best trial and that trial's model.</summary>
/// <param name="Best">The best successful trial of the highest rung reached (more rows beat a better score on fewer).</param>
/// <param name="BestModel">The model the objective returned for <paramref name="Best"/>.</param>
internal sealed record SearchResult<TModel>(HalvingPlan Plan, IReadOnlyList<TrialRecord> Trials, TrialRecord Best, TModel? BestModel, SearchStop StoppedBy, double Seconds)
    where TModel : class;
