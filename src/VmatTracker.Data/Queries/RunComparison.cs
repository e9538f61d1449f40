namespace VmatTracker.Data.Queries;

/// <summary>Runs side by side: their summary rows and the series to overlay.</summary>
/// <param name="Runs">Summary rows, in the order asked for (unknown IDs left out).</param>
/// <param name="Series">One series per run and metric key.</param>
public sealed record RunComparison(IReadOnlyList<RunListItem> Runs, IReadOnlyList<MetricSeries> Series);
