namespace VmatTracker.Data.Entities;

/// <summary>
/// The running summary of one metric of one run, updated with every write, so run lists sort and filter on metrics
/// without scanning the series. Min and max consider finite values only.
/// </summary>
public class MetricSummary
{
    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>Metric name.</summary>
    public required string Key { get; set; }

    /// <summary>Points written (finite or not).</summary>
    public long Count { get; set; }

    /// <summary>Non-finite points written.</summary>
    public long NonFiniteCount { get; set; }

    /// <summary>The value at the highest step (null when that was not finite).</summary>
    public double? Last { get; set; }

    /// <summary>The highest step seen.</summary>
    public long LastStep { get; set; }

    /// <summary>Smallest finite value.</summary>
    public double? Min { get; set; }

    /// <summary>Epoch of <see cref="Min"/> (first reached).</summary>
    public int? MinEpoch { get; set; }

    /// <summary>Largest finite value.</summary>
    public double? Max { get; set; }

    /// <summary>Epoch of <see cref="Max"/> (first reached).</summary>
    public int? MaxEpoch { get; set; }
}
