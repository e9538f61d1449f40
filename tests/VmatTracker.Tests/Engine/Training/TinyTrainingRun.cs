using TorchSharp;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.Training;

/// <summary>A folder of tiny phantom cases and options for a run that takes seconds: 32³ cases at 8 mm, patch 32,
/// base 8, one patch per case, validation on one case.</summary>
internal sealed class TinyTrainingRun : IDisposable
{
    private readonly TempFolder _folder = new("train");

    public TinyTrainingRun(int cases = 8)
    {
        torch.set_num_threads(1);
        DataDir = Path.Combine(_folder.Path, "data");
        PhantomDataset.Write(DataDir, cases, new PhantomOptions { Shape = new VolumeShape(32, 32, 32), Spacing = new VoxelSpacing(8, 8, 8) },
            reuseExisting: false, progress: null, CancellationToken.None);
        Options = new TrainerOptions
        {
            ExpName = "tiny",
            DataDir = DataDir,
            LogDir = Path.Combine(_folder.Path, "runs"),
            Epochs = 2,
            BatchSize = 2,
            PatchSize = 32,
            BaseChannels = 8,
            PatchesPerVolume = 1,
            NumWorkers = 1,
            Device = "cpu",
            LearningRate = 1e-3,
        };
    }

    public string DataDir { get; }

    public TrainerOptions Options { get; }

    public string RunFolder => Options.RunFolder;

    public void Dispose() => _folder.Dispose();
}

/// <summary>Records what a run reports, and can cancel it at a chosen batch.</summary>
internal sealed class RecordingObserver(CancellationTokenSource? cancelAt = null, int cancelAfterBatches = int.MaxValue) : ITrainingObserver
{
    public List<string> Messages { get; } = [];

    public List<BatchProgress> Batches { get; } = [];

    public List<(int Epoch, IReadOnlyDictionary<string, double> Metrics)> Epochs { get; } = [];

    public List<CheckpointInfo> Checkpoints { get; } = [];

    public List<long> LiveTensorsAtEpochEnd { get; } = [];

    public TrainingStart? Start { get; private set; }

    public void RunStarted(TrainingStart start) => Start = start;

    public void BatchCompleted(BatchProgress progress)
    {
        Batches.Add(progress);
        if (Batches.Count >= cancelAfterBatches)
        {
            cancelAt?.Cancel();
        }
    }

    public void EpochCompleted(int epoch, IReadOnlyDictionary<string, double> metrics)
    {
        Epochs.Add((epoch, metrics));
        LiveTensorsAtEpochEnd.Add(DisposeScopeManager.Statistics.ThreadTotalLiveCount);
    }

    public void CheckpointSaved(CheckpointInfo checkpoint) => Checkpoints.Add(checkpoint);

    public void Log(string message) => Messages.Add(message);
}
