namespace VmatTracker.Data.Recording;

/// <summary>Metric points just committed for a run, in the order given.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Points">The points (non-finite values included).</param>
public sealed record MetricsAppended(long RunId, IReadOnlyList<MetricValue> Points);
