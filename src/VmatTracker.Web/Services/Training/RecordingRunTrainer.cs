using VmatTracker.Engine.Training;

namespace VmatTracker.Web.Services.Training;

/// <summary>The server's trainer. Placeholder until VmatTracker.Hosting's TrainingRunner is merged.</summary>
internal sealed class RecordingRunTrainer : IRunTrainer
{
    public Task<long> CreateRunAsync(TrainerOptions options, RunLaunch launch, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Training from the web arrives with VmatTracker.Hosting.");

    public void Train(long runId, TrainerOptions options, ITrainingObserver observer, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Training from the web arrives with VmatTracker.Hosting.");
}
