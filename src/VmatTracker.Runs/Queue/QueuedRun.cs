using System.Globalization;
using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Queue;

/// <summary>What a queued job does.</summary>
public enum QueueJobKind
{
    /// <summary>Trains the run.</summary>
    Train,

    /// <summary>Evaluates one of the run's checkpoints on its test split.</summary>
    Evaluate,
}

/// <summary>The checkpoint an evaluation job evaluates, and the run folder its evaluation goes into.</summary>
/// <param name="Path">The checkpoint file.</param>
/// <param name="RunFolder">The run's folder (the evaluation is written to its <c>evaluations/</c>).</param>
public sealed record CheckpointJob(string Path, string RunFolder);

/// <summary>A job in the training queue: its run's stored row and the options the run trains (or trained) with; an
/// evaluation job also names the checkpoint.</summary>
/// <param name="RunId">The run's ID in the store (a training job's run is created Queued).</param>
/// <param name="Options">What it trains with, or trained with (an evaluation rebuilds the model and split from them).</param>
public sealed record QueuedRun(long RunId, TrainerOptions Options)
{
    /// <summary>The run's name (its folder name).</summary>
    public string Name => Options.ExpName;

    /// <summary>The checkpoint to evaluate; null for a training job.</summary>
    public CheckpointJob? Checkpoint { get; init; }

    /// <summary>Training or evaluation.</summary>
    public QueueJobKind Kind => Checkpoint is null ? QueueJobKind.Train : QueueJobKind.Evaluate;

    /// <summary>The job's identity in the queue: a run is trained once at a time, a checkpoint evaluated once at a time.</summary>
    public string Key => Checkpoint is null ? TrainKey(RunId) : EvaluateKey(RunId, Checkpoint.Path);

    /// <summary>The key of run <paramref name="runId"/>'s training job.</summary>
    public static string TrainKey(long runId) => string.Create(CultureInfo.InvariantCulture, $"train:{runId}");

    /// <summary>The key of the job evaluating <paramref name="checkpointPath"/> of run <paramref name="runId"/>.</summary>
    public static string EvaluateKey(long runId, string checkpointPath) =>
        string.Create(CultureInfo.InvariantCulture, $"evaluate:{runId}:{checkpointPath}");
}
