using Microsoft.Extensions.Logging.Abstractions;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Runs.Live;
using VmatTracker.Tests.Data;

namespace VmatTracker.Tests.Runs;

public sealed class RunEventsTests
{
    [Fact]
    public async Task Subscribe_RecorderCommits_ListenerGetsTheChangeAndThePoints()
    {
        // Arrange
        var events = new RunEvents(NullLogger<RunEvents>.Instance);
        using var store = await TestStore.CreateAsync(events);
        var changes = new List<RunChange>();
        var batches = new List<MetricsAppended>();
        using var subscription = events.Subscribe(changes.Add, batches.Add);

        // Act
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, TestContext.Current.CancellationToken);
        await store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 5, 0, 3.5)], TestContext.Current.CancellationToken);

        // Assert
        Assert.Equal(new RunChange(id, RunChangeKind.Created, RunStatus.Queued), Assert.Single(changes));
        Assert.Equal(3.5, Assert.Single(Assert.Single(batches).Points).Value);
    }

    [Fact]
    public void Publish_ListenerThrowsAndOthersListen_OthersStillCalledAndDisposeUnsubscribes()
    {
        // Arrange
        var events = new RunEvents(NullLogger<RunEvents>.Instance);
        var calls = 0;
        using var broken = events.Subscribe(_ => throw new InvalidOperationException("page bug"), null);
        var counting = events.Subscribe(_ => calls++, null);

        // Act
        events.RunChanged(new RunChange(1, RunChangeKind.Heartbeat, RunStatus.Running));
        counting.Dispose();
        events.RunChanged(new RunChange(1, RunChangeKind.Heartbeat, RunStatus.Running));

        // Assert
        Assert.Equal(1, calls);
        Assert.Equal(1, events.ListenerCount);
    }
}
