using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Web;

public sealed class TrainingStartupTests
{
    [Fact]
    public async Task Server_Start_RunLeftRunningWithStaleHeartbeatIsMarkedInterruptedFreshOneIsNot()
    {
        // Arrange: the database a dead server left, with a run still Running and silent for 20 minutes, and a run a
        // vmat train on the same file is training (heartbeat just now).
        using var factory = new VmatAppFactory();
        var options = new TrackerStoreOptions { DatabasePath = factory.Folder.File("tracker.db") };
        var contexts = TrackerStore.CreateFactory(options);
        await TrackerStore.MigrateAsync(contexts, TestContext.Current.CancellationToken);
        var past = new RunRecorder(contexts, new SilentRunEvents(), new ShiftedTime(TimeSpan.FromMinutes(-20)));
        var runId = await past.CreateRunAsync(new NewRun { Experiment = "e", Name = "orphan" }, TestContext.Current.CancellationToken);
        await past.StartAsync(runId, TestContext.Current.CancellationToken);
        var recorder = new RunRecorder(contexts, new SilentRunEvents(), TimeProvider.System);
        var liveId = await recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "cli" }, TestContext.Current.CancellationToken);
        await recorder.StartAsync(liveId, TestContext.Current.CancellationToken);
        SqliteConnection.ClearAllPools();

        // Act
        _ = factory.Address;

        // Assert
        var queries = factory.Services.GetRequiredService<RunQueries>();
        await StoreWait.UntilStatusAsync(queries, runId, RunStatus.Interrupted, TimeSpan.FromSeconds(30));
        Assert.Equal(RunStatus.Running, (await queries.GetAsync(liveId, TestContext.Current.CancellationToken))!.Summary.Status);
        SqliteConnection.ClearAllPools();
    }
}
