namespace VmatTracker.Data.Recording;

/// <summary>What an append wrote.</summary>
/// <param name="Written">Points stored.</param>
/// <param name="NonFinite">Of those, how many were NaN or infinite (stored and flagged).</param>
public sealed record MetricAppendResult(int Written, int NonFinite);
