using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Configuration;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Runs;

public sealed class TrainingWorkerTests : IAsyncLifetime
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);
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
    public async Task Worker_ConcurrencyOne_TrainsInQueueOrderOneAtATimeOnItsOwnThreads()
    {
        // Arrange: three runs, the last moved to the front before the worker starts.
        var trainer = new GatedTrainer(Store.Recorder);
        using var queue = new TrainingQueue(Store.Recorder);
        var logs = new RunLogs();
        var ids = new List<long>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var options = new TrainerOptions { ExpName = name };
            var id = await trainer.CreateRunAsync(options, new RunLaunch(null, null, null), Token);
            queue.Add(new QueuedRun(id, options));
            ids.Add(id);
        }

        queue.Move(ids[2], -2);
        using var worker = CreateWorker(queue, trainer, logs, concurrency: 1);

        // Act
        await worker.StartAsync(Token);
        var first = await trainer.NextStartedAsync();
        var whileFirstRuns = queue.Snapshot();
        trainer.Release(first);
        var second = await trainer.NextStartedAsync();
        trainer.Release(second);
        var third = await trainer.NextStartedAsync();
        trainer.Release(third);
        await StoreWait.UntilStatusAsync(Store.Queries, third, RunStatus.Completed, s_wait);
        await worker.StopAsync(Token);

        // Assert
        Assert.Equal([ids[2], ids[0], ids[1]], [first, second, third]);
        Assert.Single(whileFirstRuns.Running);
        Assert.Equal(2, whileFirstRuns.Waiting.Count);
        Assert.All(trainer.OnPoolThread, onPool => Assert.False(onPool));
        Assert.Contains(logs.Tail(ids[0])!, line => line.EndsWith("training a", StringComparison.Ordinal));
        foreach (var id in ids)
        {
            Assert.Equal(RunStatus.Completed, (await Store.Queries.GetAsync(id, Token))!.Summary.Status);
        }
    }

    [Fact]
    public async Task Worker_ConcurrencyTwo_TrainsTwoRunsAtOnce()
    {
        // Arrange
        var trainer = new GatedTrainer(Store.Recorder);
        using var queue = new TrainingQueue(Store.Recorder);
        var ids = new List<long>();
        foreach (var name in new[] { "a", "b", "c" })
        {
            var options = new TrainerOptions { ExpName = name };
            var id = await trainer.CreateRunAsync(options, new RunLaunch(null, null, null), Token);
            queue.Add(new QueuedRun(id, options));
            ids.Add(id);
        }

        using var worker = CreateWorker(queue, trainer, new RunLogs(), concurrency: 2);

        // Act
        await worker.StartAsync(Token);
        await trainer.NextStartedAsync();
        await trainer.NextStartedAsync();
        var snapshot = queue.Snapshot();
        queue.StopAll();
        var last = await trainer.NextStartedAsync();
        trainer.Release(last);
        await StoreWait.UntilStatusAsync(Store.Queries, last, RunStatus.Completed, s_wait);
        await worker.StopAsync(Token);

        // Assert
        Assert.Equal(2, snapshot.Running.Count);
        Assert.Equal([ids[2]], snapshot.Waiting.Select(r => r.RunId));
        Assert.Equal(ids[2], last);
    }

    [Fact]
    public async Task Stop_RunningRun_TrainerTokenTrippedAndRunRecordedCancelled()
    {
        // Arrange
        var trainer = new GatedTrainer(Store.Recorder);
        using var queue = new TrainingQueue(Store.Recorder);
        var options = new TrainerOptions { ExpName = "long" };
        var id = await trainer.CreateRunAsync(options, new RunLaunch(null, null, null), Token);
        queue.Add(new QueuedRun(id, options));
        using var worker = CreateWorker(queue, trainer, new RunLogs(), concurrency: 1);
        await worker.StartAsync(Token);
        await trainer.NextStartedAsync();

        // Act
        var stopped = queue.Stop(id);

        // Assert
        Assert.True(stopped);
        await StoreWait.UntilStatusAsync(Store.Queries, id, RunStatus.Cancelled, s_wait);
        await worker.StopAsync(Token);
        Assert.Empty(queue.Snapshot().Running);
    }

    [Fact]
    public async Task Stop_RunStoppedWhileItsDataIsScanned_RecordedCancelledAndNoErrorLogged()
    {
        // Arrange: the trainer throws OperationCanceledException once stopped, as TrainingRunner does during its scan.
        var trainer = new GatedTrainer(Store.Recorder) { ThrowWhenStopped = true };
        using var queue = new TrainingQueue(Store.Recorder);
        var options = new TrainerOptions { ExpName = "scanning" };
        var id = await trainer.CreateRunAsync(options, new RunLaunch(null, null, null), Token);
        queue.Add(new QueuedRun(id, options));
        var logger = new FakeLogger<TrainingWorker>();
        using var worker = CreateWorker(queue, trainer, new RunLogs(), concurrency: 1, logger: logger);
        await worker.StartAsync(Token);
        await trainer.NextStartedAsync();

        // Act
        queue.Stop(id);
        await StoreWait.UntilStatusAsync(Store.Queries, id, RunStatus.Cancelled, s_wait);
        await worker.StopAsync(Token);

        // Assert
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.Equal(RunStatus.Cancelled, (await Store.Queries.GetAsync(id, Token))!.Summary.Status);
    }

    [Fact]
    public async Task RecoverAsync_RunningAndQueuedRunsInTheStore_StaleRunningInterruptedQueuedBackInTheQueue()
    {
        // Arrange: what a dead server leaves behind (its last heartbeat 11 minutes ago, the default limit being 10).
        var elevenMinutesAgo = new RunRecorder(Store.Contexts, new SilentRunEvents(), new ShiftedTime(TimeSpan.FromMinutes(-11)));
        var running = await elevenMinutesAgo.CreateRunAsync(new NewRun { Experiment = "e", Name = "was-running" }, Token);
        await elevenMinutesAgo.StartAsync(running, Token);
        var options = new TrainerOptions { ExpName = "waiting", BaseChannels = 24, Seed = 7 };
        var queued = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "waiting",
            ConfigJson = TrainingRunConfig.ToJson(options).ToJsonString(),
        }, Token);
        var unreadable = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "bad",
            ConfigJson = """{"epochs": "many"}""",
        }, Token);
        using var queue = new TrainingQueue(Store.Recorder);
        using var worker = CreateWorker(queue, new GatedTrainer(Store.Recorder), new RunLogs(), concurrency: 1);

        // Act
        await worker.RecoverAsync(Token);

        // Assert
        Assert.Equal(RunStatus.Interrupted, (await Store.Queries.GetAsync(running, Token))!.Summary.Status);
        var waiting = Assert.Single(queue.Snapshot().Waiting);
        Assert.Equal(queued, waiting.RunId);
        Assert.Equal((24, 7), (waiting.Options.BaseChannels, waiting.Options.Seed));
        var bad = (await Store.Queries.GetAsync(unreadable, Token))!;
        Assert.Equal(RunStatus.Failed, bad.Summary.Status);
        Assert.Contains("epochs: expected a whole number", bad.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecoverAsync_RunningRunStillHeartbeating_LeftRunning()
    {
        // Arrange: a vmat train on the same database started a minute ago and heartbeats (the server did not start it).
        var aMinuteAgo = new RunRecorder(Store.Contexts, new SilentRunEvents(), new ShiftedTime(TimeSpan.FromMinutes(-1)));
        var alive = await aMinuteAgo.CreateRunAsync(new NewRun { Experiment = "e", Name = "cli-run" }, Token);
        await aMinuteAgo.StartAsync(alive, Token);
        var longAgo = new RunRecorder(Store.Contexts, new SilentRunEvents(), new ShiftedTime(TimeSpan.FromMinutes(-30)));
        var started = await longAgo.CreateRunAsync(new NewRun { Experiment = "e", Name = "started-long-ago" }, Token);
        await longAgo.StartAsync(started, Token);
        await aMinuteAgo.HeartbeatAsync(started, Token);
        using var queue = new TrainingQueue(Store.Recorder);
        using var worker = CreateWorker(queue, new GatedTrainer(Store.Recorder), new RunLogs(), concurrency: 1);

        // Act
        await worker.RecoverAsync(Token);

        // Assert: the last heartbeat counts, not the start: both are fresher than 10 minutes, so neither run is taken.
        Assert.Equal(RunStatus.Running, (await Store.Queries.GetAsync(alive, Token))!.Summary.Status);
        Assert.Equal(RunStatus.Running, (await Store.Queries.GetAsync(started, Token))!.Summary.Status);
        Assert.Empty(queue.Snapshot().Waiting);
    }

    [Fact]
    public async Task RecoverAsync_ShorterStaleLimit_RunSilentLongerThanItInterrupted()
    {
        // Arrange: heartbeat two minutes ago, limit one minute.
        var twoMinutesAgo = new RunRecorder(Store.Contexts, new SilentRunEvents(), new ShiftedTime(TimeSpan.FromMinutes(-2)));
        var run = await twoMinutesAgo.CreateRunAsync(new NewRun { Experiment = "e", Name = "quiet" }, Token);
        await twoMinutesAgo.StartAsync(run, Token);
        using var queue = new TrainingQueue(Store.Recorder);
        using var worker = CreateWorker(queue, new GatedTrainer(Store.Recorder), new RunLogs(), concurrency: 1,
            staleAfter: TimeSpan.FromMinutes(1));

        // Act
        await worker.RecoverAsync(Token);

        // Assert
        Assert.Equal(RunStatus.Interrupted, (await Store.Queries.GetAsync(run, Token))!.Summary.Status);
    }

    private TrainingWorker CreateWorker(TrainingQueue queue, IRunTrainer trainer, RunLogs logs, int concurrency,
        TimeSpan? staleAfter = null, ILogger<TrainingWorker>? logger = null) =>
        new(queue, trainer, new CheckpointEvaluationRunner(Store.Recorder), Store.Recorder, Store.Contexts, logs, new LiveBatchProgress(),
            Options.Create(new VmatTrackerOptions
            {
                TrainingConcurrency = concurrency,
                StaleRunAfter = staleAfter ?? new VmatTrackerOptions().StaleRunAfter,
            }), TimeProvider.System, logger ?? NullLogger<TrainingWorker>.Instance);
}
