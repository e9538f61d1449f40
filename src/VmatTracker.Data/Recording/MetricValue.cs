namespace VmatTracker.Data.Recording;

/// <summary>One metric value to record.</summary>
/// <param name="Key">Metric name, e.g. <c>val/mae_gy</c> (at most <see cref="StoreLimits.KeyLength"/> characters).</param>
/// <param name="Step">Optimiser step.</param>
/// <param name="Epoch">Epoch, when known.</param>
/// <param name="Value">The value; NaN and infinities are stored and flagged.</param>
/// <param name="WallTime">When it was logged (UTC); the recorder's clock when null.</param>
/// <param name="Context">Optional context such as a split or a structure.</param>
public sealed record MetricValue(string Key, long Step, int? Epoch, double Value, DateTime? WallTime = null,
    string? Context = null);
