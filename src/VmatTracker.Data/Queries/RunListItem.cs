namespace VmatTracker.Data.Queries;

/// <summary>A run as lists and comparisons show it.</summary>
/// <param name="Id">Run ID.</param>
/// <param name="Experiment">Experiment name.</param>
/// <param name="Name">Run name.</param>
/// <param name="Status">Status.</param>
/// <param name="CreatedAt">Created (UTC).</param>
/// <param name="StartedAt">Started (UTC).</param>
/// <param name="EndedAt">Ended (UTC).</param>
/// <param name="DurationSeconds">Duration.</param>
/// <param name="Starred">Starred.</param>
/// <param name="GroupKey">Seed/fold group.</param>
/// <param name="Params">Parameters: booleans, numbers or text.</param>
/// <param name="Tags">Tags.</param>
/// <param name="Metrics">Metric summaries by key.</param>
public sealed record RunListItem(long Id, string Experiment, string Name, RunStatus Status, DateTime CreatedAt,
    DateTime? StartedAt, DateTime? EndedAt, double? DurationSeconds, bool Starred, string? GroupKey,
    IReadOnlyDictionary<string, object?> Params, IReadOnlyDictionary<string, string> Tags,
    IReadOnlyDictionary<string, MetricSummaryView> Metrics);
