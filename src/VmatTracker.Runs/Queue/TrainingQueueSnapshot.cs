namespace VmatTracker.Runs.Queue;

/// <summary>The queue at one moment, for pages to render.</summary>
/// <param name="Running">Runs a worker is training now, in the order they started.</param>
/// <param name="Waiting">Runs waiting, first to start first.</param>
public sealed record TrainingQueueSnapshot(IReadOnlyList<QueuedRun> Running, IReadOnlyList<QueuedRun> Waiting);
