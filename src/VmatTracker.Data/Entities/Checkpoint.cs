namespace VmatTracker.Data.Entities;

/// <summary>Saved model weights of a run.</summary>
public class Checkpoint
{
    /// <summary>Database key.</summary>
    public long Id { get; set; }

    /// <summary>The run.</summary>
    public long RunId { get; set; }

    /// <summary>File path.</summary>
    public required string Path { get; set; }

    /// <summary>Epoch it was saved at.</summary>
    public int? Epoch { get; set; }

    /// <summary>The monitored metric, e.g. <c>val/mae_gy</c>.</summary>
    public string? MonitoredKey { get; set; }

    /// <summary>Its value at that epoch.</summary>
    public double? MonitoredValue { get; set; }

    /// <summary>Whether this is the best checkpoint by the monitored metric.</summary>
    public bool IsBest { get; set; }
}
