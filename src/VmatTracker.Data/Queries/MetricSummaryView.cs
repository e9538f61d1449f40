namespace VmatTracker.Data.Queries;

/// <summary>The summary of one metric of one run.</summary>
/// <param name="Min">Smallest finite value.</param>
/// <param name="MinEpoch">Its epoch.</param>
/// <param name="Max">Largest finite value.</param>
/// <param name="MaxEpoch">Its epoch.</param>
/// <param name="Last">Value at the highest step (null when not finite).</param>
/// <param name="LastStep">The highest step.</param>
/// <param name="Count">Points.</param>
/// <param name="NonFiniteCount">Non-finite points.</param>
public sealed record MetricSummaryView(double? Min, int? MinEpoch, double? Max, int? MaxEpoch, double? Last,
    long LastStep, long Count, long NonFiniteCount);
