namespace VmatTracker.Engine.Training;

/// <summary>
/// What a training run reports, as plain numbers and strings, from the training thread. Implementations must be quick
/// (queue the work elsewhere) and must not throw; the trainer never waits on them.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>The run is set up: dataset scanned, split made, model built.</summary>
    void RunStarted(TrainingStart start);

    /// <summary>One optimisation step finished.</summary>
    void BatchCompleted(BatchProgress progress);

    /// <summary>An epoch's training and validation finished; <paramref name="metrics"/> holds the metrics.csv row.</summary>
    void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics);

    /// <summary>A checkpoint was written.</summary>
    void CheckpointSaved(CheckpointInfo checkpoint);

    /// <summary>A line for the run's log.</summary>
    void Log(string message);
}

/// <summary>The run as it starts.</summary>
/// <param name="RunFolder">Where its files go.</param>
/// <param name="Split">Train, validation and test case IDs.</param>
/// <param name="DatasetFingerprint">SHA-256 over the dataset's case files.</param>
/// <param name="Device">The device training runs on.</param>
/// <param name="ParameterCount">Trainable parameters of the model.</param>
/// <param name="StartEpoch">0, or the epoch a resumed run continues from.</param>
/// <param name="BatchesPerEpoch">Optimisation steps per epoch.</param>
public sealed record TrainingStart(string RunFolder, DataLoading.DataSplit Split, string DatasetFingerprint, ComputeDevice Device,
    long ParameterCount, int StartEpoch, int BatchesPerEpoch);

/// <summary>Progress within an epoch.</summary>
/// <param name="Epoch">0-based epoch.</param>
/// <param name="Batch">1-based batch within the epoch.</param>
/// <param name="BatchesPerEpoch">Batches in the epoch.</param>
/// <param name="GlobalStep">Steps since the run began.</param>
/// <param name="Loss">This batch's total loss.</param>
/// <param name="Elapsed">Time since the run began.</param>
public sealed record BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, long GlobalStep, double Loss, TimeSpan Elapsed)
{
    /// <summary>
    /// Time left for <paramref name="totalEpochs"/> epochs at the pace of the batches trained since
    /// <paramref name="startEpoch"/> (where this process began: 0, or the epoch a resumed run continues from); an upper
    /// bound, since early stopping can end the run sooner. Null before the first batch or past the last epoch.
    /// </summary>
    public TimeSpan? Remaining(int startEpoch, long totalEpochs)
    {
        var done = ((Epoch - startEpoch) * (double)BatchesPerEpoch) + Batch;
        var left = ((totalEpochs - Epoch) * (double)BatchesPerEpoch) - Batch;
        return done > 0 && left >= 0 ? Elapsed * (left / done) : null;
    }
}

/// <summary>A checkpoint file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Epoch">The epoch it was saved after.</param>
/// <param name="MonitorValue">The monitored metric at that epoch.</param>
/// <param name="IsBest">True for a best-k checkpoint, false for last.dat.</param>
public sealed record CheckpointInfo(string Path, int Epoch, double MonitorValue, bool IsBest);

/// <summary>An observer that ignores everything.</summary>
public sealed class NullTrainingObserver : ITrainingObserver
{
    /// <summary>The shared instance.</summary>
    public static readonly NullTrainingObserver Instance = new();

    /// <inheritdoc />
    public void RunStarted(TrainingStart start)
    {
    }

    /// <inheritdoc />
    public void BatchCompleted(BatchProgress progress)
    {
    }

    /// <inheritdoc />
    public void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
    }

    /// <inheritdoc />
    public void CheckpointSaved(CheckpointInfo checkpoint)
    {
    }

    /// <inheritdoc />
    public void Log(string message)
    {
    }
}
