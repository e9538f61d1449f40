namespace VmatTracker.Data.Entities;

/// <summary>
/// One logged value of one metric. Non-finite values are kept, not dropped: <see cref="Value"/> is null and
/// <see cref="NonFinite"/> says which (SQLite would turn a NaN into NULL silently; this says so on purpose).
/// </summary>
public class MetricPoint
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>Metric name, e.g. <c>val/mae_gy</c>.</summary>
    public required string Key { get; set; }

    /// <summary>Optimiser step.</summary>
    public long Step { get; set; }

    /// <summary>Epoch, when known.</summary>
    public int? Epoch { get; set; }

    /// <summary>When it was logged (UTC).</summary>
    public DateTime WallTime { get; set; }

    /// <summary>The value; null when not finite.</summary>
    public double? Value { get; set; }

    /// <summary>Null for finite values, else <c>NaN</c>, <c>+Inf</c> or <c>-Inf</c>.</summary>
    public string? NonFinite { get; set; }

    /// <summary>Optional context, e.g. a split or a structure name.</summary>
    public string? Context { get; set; }
}
