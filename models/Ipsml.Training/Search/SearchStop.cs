namespace Ipsml.Training.Search;

/// <summary>Why the search ended.</summary>
internal enum SearchStop
{
    /// <summary>Every rung of the plan ran: the trial budget bound (the result depends only on data, seed and settings).</summary>
    Trials,

    /// <summary>The wall-clock budget ran out first and no further trial was launched (the result depends on the machine's speed).</summary>
    Time,

    /// <summary>A rung had no configuration left to promote because every trial before it failed.</summary>
    Failures,
}
