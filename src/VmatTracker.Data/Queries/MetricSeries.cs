namespace VmatTracker.Data.Queries;

/// <summary>The points of one metric of one run, in step order.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Key">Metric name.</param>
/// <param name="Points">The points.</param>
public sealed record MetricSeries(long RunId, string Key, IReadOnlyList<SeriesPoint> Points);

/// <summary>One point of a series.</summary>
/// <param name="Step">Step.</param>
/// <param name="Epoch">Epoch.</param>
/// <param name="Value">Value (null when not finite).</param>
/// <param name="NonFinite"><c>NaN</c>, <c>+Inf</c>, <c>-Inf</c> or null.</param>
/// <param name="WallTime">When logged.</param>
/// <param name="Context">Context.</param>
public sealed record SeriesPoint(long Step, int? Epoch, double? Value, string? NonFinite, DateTime WallTime, string? Context)
{
    /// <summary>The value as a double, NaN and infinities included.</summary>
    public double AsDouble => NonFinite switch
    {
        "NaN" => double.NaN,
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        _ => Value ?? double.NaN,
    };
}
