namespace VmatTracker.Data.Recording;

/// <summary>A checkpoint to record.</summary>
/// <param name="Path">File path.</param>
/// <param name="Epoch">Epoch.</param>
/// <param name="MonitoredKey">Monitored metric.</param>
/// <param name="MonitoredValue">Its value.</param>
/// <param name="IsBest">Whether it is now the run's best (clears the flag on the others).</param>
public sealed record CheckpointInfo(string Path, int? Epoch = null, string? MonitoredKey = null,
    double? MonitoredValue = null, bool IsBest = false);
