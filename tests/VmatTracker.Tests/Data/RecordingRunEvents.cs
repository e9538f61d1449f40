using System.Collections.Concurrent;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

/// <summary>An <see cref="IRunEvents"/> that keeps what it is told.</summary>
public sealed class RecordingRunEvents : IRunEvents
{
    public ConcurrentQueue<RunChange> Changes { get; } = new();

    public ConcurrentQueue<MetricsAppended> Batches { get; } = new();

    public void RunChanged(RunChange change) => Changes.Enqueue(change);

    public void MetricsAppended(MetricsAppended batch) => Batches.Enqueue(batch);
}
