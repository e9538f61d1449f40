using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Queue;
using VmatTracker.Tests.Data;

namespace VmatTracker.Tests.Runs;

public sealed class TrainingQueueTests : IAsyncLifetime
{
    private TestStore? _store;

    private TestStore Store => _store!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _store = await TestStore.CreateAsync();

    public ValueTask DisposeAsync()
    {
        _store?.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task TryStartNext_ThreeAdded_StartsThemInTheOrderAdded()
    {
        // Arrange
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a", "b", "c");

        // Act
        var started = new[] { queue.TryStartNext(), queue.TryStartNext(), queue.TryStartNext(), queue.TryStartNext() };

        // Assert
        Assert.Equal(ids, started.Take(3).Select(s => s!.Value.Run.RunId));
        Assert.Null(started[3]);
        Assert.Equal(ids, queue.Snapshot().Running.Select(r => r.RunId));
    }

    [Fact]
    public async Task Move_UpAndDown_ReordersAndStopsAtTheEnds()
    {
        // Arrange
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a", "b", "c");

        // Act
        Assert.True(queue.Move(ids[2], -1));   // a c b
        Assert.True(queue.Move(ids[2], -1));   // c a b
        Assert.True(queue.Move(ids[2], -1));   // still c a b: already first
        Assert.True(queue.Move(ids[0], +1));   // c b a
        var moved = queue.Move(-5, -1);

        // Assert
        Assert.False(moved);
        Assert.Equal([ids[2], ids[1], ids[0]], queue.Snapshot().Waiting.Select(r => r.RunId));
        Assert.Equal(ids[2], queue.TryStartNext()!.Value.Run.RunId);
    }

    [Fact]
    public async Task CancelAsync_WaitingRun_LeavesTheQueueAndIsRecordedCancelled()
    {
        // Arrange
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a", "b");
        var pings = 0;
        using var subscription = queue.Subscribe(() => Interlocked.Increment(ref pings));

        // Act
        var cancelled = await queue.CancelAsync(ids[0], Token);

        // Assert
        Assert.True(cancelled);
        Assert.Equal([ids[1]], queue.Snapshot().Waiting.Select(r => r.RunId));
        Assert.Equal(RunStatus.Cancelled, (await Store.Queries.GetAsync(ids[0], Token))!.Summary.Status);
        Assert.Equal(RunStatus.Queued, (await Store.Queries.GetAsync(ids[1], Token))!.Summary.Status);
        Assert.True(pings >= 1);
        Assert.False(await queue.CancelAsync(ids[0], Token));
    }

    [Fact]
    public async Task Stop_RunningRun_TripsOnlyItsToken()
    {
        // Arrange
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a", "b", "c");
        var first = queue.TryStartNext()!.Value;
        var second = queue.TryStartNext()!.Value;

        // Act
        var stopped = queue.Stop(second.Run.RunId);
        var stoppedWaiting = queue.Stop(ids[2]);

        // Assert
        Assert.True(stopped);
        Assert.True(second.Stop.IsCancellationRequested);
        Assert.False(first.Stop.IsCancellationRequested);
        Assert.False(stoppedWaiting);
        queue.Finish(second.Run.Key);
        Assert.Equal([first.Run.RunId], queue.Snapshot().Running.Select(r => r.RunId));
    }

    [Fact]
    public async Task Add_SameRunTwice_Refused()
    {
        // Arrange
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a");

        // Act
        var error = Assert.Throws<InvalidOperationException>(() => queue.Add(new QueuedRun(ids[0], new TrainerOptions())));

        // Assert
        Assert.Contains($"Run {ids[0]}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluationJobs_BesideTrainingRuns_OwnKeysCancelWithoutRecordingAndOutcomeKept()
    {
        // Arrange: run a waits to train; two checkpoints of run a are queued for evaluation too.
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = await AddAsync(queue, "a");
        var best = new QueuedRun(ids[0], new TrainerOptions { ExpName = "a" }) { Checkpoint = new CheckpointJob("/r/a/checkpoints/best.dat", "/r/a") };
        var last = best with { Checkpoint = new CheckpointJob("/r/a/checkpoints/last.dat", "/r/a") };
        queue.Add(best);
        queue.Add(last);

        // Act
        var again = Assert.Throws<InvalidOperationException>(() => queue.Add(best with { }));
        var cancelled = await queue.CancelAsync(last.Key, Token);
        var training = queue.TryStartNext()!.Value;
        var evaluation = queue.TryStartNext()!.Value;
        var stopped = queue.Stop(best.Key);
        queue.Finish(best.Key, "stopped");

        // Assert: the training run is still its own job (not cancelled, not stopped); the evaluations went their way.
        Assert.Contains("best.dat of run", again.Message, StringComparison.Ordinal);
        Assert.True(cancelled);
        Assert.Equal("cancelled", queue.Outcome(last.Key));
        Assert.Equal(QueueJobKind.Train, training.Run.Kind);
        Assert.Equal(QueueJobKind.Evaluate, evaluation.Run.Kind);
        Assert.True(stopped);
        Assert.True(evaluation.Stop.IsCancellationRequested);
        Assert.False(training.Stop.IsCancellationRequested);
        Assert.Equal("stopped", queue.Outcome(best.Key));
        Assert.True(queue.Contains(ids[0]));
        Assert.Equal(RunStatus.Queued, (await Store.Queries.GetAsync(ids[0], Token))!.Summary.Status);
    }

    private async Task<long[]> AddAsync(TrainingQueue queue, params string[] names)
    {
        var ids = new List<long>();
        foreach (var name in names)
        {
            var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "q", Name = name }, Token);
            queue.Add(new QueuedRun(id, new TrainerOptions { ExpName = name }));
            ids.Add(id);
        }

        return [.. ids];
    }
}
