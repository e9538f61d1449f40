using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Training;

namespace VmatTracker.Runs.Execution;

/// <summary>The server's trainer: VmatTracker.Hosting's <see cref="TrainingRunner"/>, which creates the run's row and
/// records everything the Engine's trainer reports through RunRecorder.</summary>
internal sealed class RecordingRunTrainer(TrainingRunner runner) : IRunTrainer
{
    public Task<long> CreateRunAsync(TrainerOptions options, RunLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        return runner.QueueAsync(options, new RunRequest(launch.Experiment, launch.Tags, launch.Notes), cancellationToken);
    }

    public void Train(long runId, TrainerOptions options, ITrainingObserver observer, CancellationToken cancellationToken) =>
        runner.Run(runId, options, cancellationToken, observer);
}
