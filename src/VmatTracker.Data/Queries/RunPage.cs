namespace VmatTracker.Data.Queries;

/// <summary>One page of runs and the number of runs the filter matches.</summary>
/// <param name="Runs">The page.</param>
/// <param name="TotalCount">All matching runs.</param>
public sealed record RunPage(IReadOnlyList<RunListItem> Runs, int TotalCount);
