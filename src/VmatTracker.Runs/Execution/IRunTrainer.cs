using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;

namespace VmatTracker.Runs.Execution;

/// <summary>
/// The trainer as the queue sees it: create a run's row (Queued, with its config and provenance), then train it
/// on the calling thread, recording everything through RunRecorder. The seam lets web tests use a trainer whose
/// timing they control; the server uses the real one.
/// </summary>
public interface IRunTrainer
{
    /// <summary>Creates the run's row, status Queued; returns its ID.</summary>
    Task<long> CreateRunAsync(TrainerOptions options, RunLaunch launch, CancellationToken cancellationToken);

    /// <summary>Trains run <paramref name="runId"/> on the calling thread until it ends or
    /// <paramref name="cancellationToken"/> stops it (at the next batch), recording its status and metrics.</summary>
    void Train(long runId, TrainerOptions options, ITrainingObserver observer, CancellationToken cancellationToken);
}
