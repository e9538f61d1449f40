using System.Collections.Concurrent;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Training;

namespace VmatTracker.Tests.Infrastructure;

/// <summary>
/// A trainer whose runs last until the test releases them or their token is tripped, recording their status through
/// the real recorder: for tests of the queue and worker that need to hold a run in the middle of training.
/// </summary>
internal sealed class GatedTrainer(RunRecorder recorder) : IRunTrainer
{
    private readonly ConcurrentDictionary<long, ManualResetEventSlim> _gates = new();

    public ConcurrentQueue<long> Started { get; } = new();

    public ConcurrentBag<bool> OnPoolThread { get; } = [];

    public SemaphoreSlim StartedSignal { get; } = new(0);

    /// <summary>Whether a stopped run ends as TrainingRunner's does when stopped while its data is scanned: recorded
    /// Cancelled, then an OperationCanceledException.</summary>
    public bool ThrowWhenStopped { get; init; }

    public Task<long> CreateRunAsync(TrainerOptions options, RunLaunch launch, CancellationToken cancellationToken) =>
        recorder.CreateRunAsync(new NewRun
        {
            Experiment = launch.Experiment ?? "default",
            Name = options.ExpName,
            ConfigJson = TrainingRunConfig.ToJson(options).ToJsonString(),
            Tags = launch.Tags ?? new Dictionary<string, string>(),
        }, cancellationToken);

    public void Train(long runId, TrainerOptions options, ITrainingObserver observer, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(runId, _ => new ManualResetEventSlim());
        recorder.StartAsync(runId, CancellationToken.None).GetAwaiter().GetResult();
        OnPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread);
        observer.Log($"training {options.ExpName}");
        Started.Enqueue(runId);
        StartedSignal.Release();
        WaitHandle.WaitAny([gate.WaitHandle, cancellationToken.WaitHandle]);
        if (cancellationToken.IsCancellationRequested)
        {
            recorder.CancelAsync(runId, CancellationToken.None).GetAwaiter().GetResult();
            if (ThrowWhenStopped)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }
        }
        else
        {
            recorder.CompleteAsync(runId, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void Release(long runId) => _gates.GetOrAdd(runId, _ => new ManualResetEventSlim()).Set();

    public async Task<long> NextStartedAsync()
    {
        Assert.True(await StartedSignal.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken),
            "no run started within 30 s");
        return Started.Last();
    }
}
