using VmatTracker.Engine.Training;

namespace VmatTracker.Web.Services.Training;

/// <summary>A run in the training queue: its stored row and the options it will train with.</summary>
/// <param name="RunId">The run's ID in the store (created Queued).</param>
/// <param name="Options">What it trains with.</param>
public sealed record QueuedRun(long RunId, TrainerOptions Options)
{
    /// <summary>The run's name (its folder name).</summary>
    public string Name => Options.ExpName;
}
