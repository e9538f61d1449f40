using VmatTracker.Engine.Training;

namespace VmatTracker.Runs.Execution;

/// <summary>Passes a run's log lines (and a line per epoch) to <see cref="RunLogs"/> and its batches to
/// <see cref="LiveBatchProgress"/> when given; the recorder gets the rest.</summary>
internal sealed class RunLogObserver(RunLogs logs, long runId, TimeProvider time, LiveBatchProgress? batches = null) : ITrainingObserver
{
    public void RunStarted(TrainingStart start)
    {
        batches?.Started(runId, start.StartEpoch);
        Log($"started on {start.Device.Name}: {start.Split.Train.Count} training, {start.Split.Validation.Count} validation, " +
            $"{start.Split.Test.Count} test cases; {start.BatchesPerEpoch} batches per epoch; from epoch {start.StartEpoch}");
    }

    public void BatchCompleted(BatchProgress progress) => batches?.Update(runId, progress);

    public void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics) => Log(
        $"epoch {epoch}: " + string.Join(", ", metrics.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => FormattableString.Invariant($"{m.Key} {m.Value:G4}"))));

    public void CheckpointSaved(CheckpointInfo checkpoint) =>
        Log($"checkpoint {Path.GetFileName(checkpoint.Path)} (epoch {checkpoint.Epoch}{(checkpoint.IsBest ? ", best" : "")})");

    public void Log(string message) =>
        logs.Append(runId, $"{time.GetUtcNow().UtcDateTime:HH:mm:ss} {message}");
}
