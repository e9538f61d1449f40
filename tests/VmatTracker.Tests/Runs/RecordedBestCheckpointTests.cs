using Microsoft.EntityFrameworkCore;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Infrastructure;
using EngineCheckpoint = VmatTracker.Engine.Training.CheckpointInfo;

namespace VmatTracker.Tests.Runs;

public sealed class RecordedBestCheckpointTests
{
    [Fact]
    public async Task CheckpointSaved_TieWithTheBest_EarlierStaysTheRecordedBest()
    {
        // Arrange: a real store; the observer as the runner builds it.
        using var folder = new TempFolder("recorded-best");
        using var store = await TestStore.CreateAsync();
        var runId = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, TestContext.Current.CancellationToken);
        var options = new TrainerOptions { ExpName = "r", DataDir = folder.Path, LogDir = folder.Path };
        var observer = new RunRecordingObserver(runId, options, store.Recorder, TimeProvider.System, also: null, publish: _ => { });

        // Act: epoch 1 is better than epoch 0; epoch 2 ties with it.
        observer.CheckpointSaved(new EngineCheckpoint(folder.File("best-epoch=000.dat"), 0, 7.0, true));
        observer.CheckpointSaved(new EngineCheckpoint(folder.File("best-epoch=001.dat"), 1, 6.373, true));
        observer.CheckpointSaved(new EngineCheckpoint(folder.File("best-epoch=002.dat"), 2, 6.373, true));
        await observer.DisposeAsync();

        // Assert
        await using var context = await store.Contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var best = await context.Checkpoints.Where(c => c.RunId == runId && c.IsBest).Select(c => c.Path).ToListAsync(TestContext.Current.CancellationToken);
        Assert.EndsWith("best-epoch=001.dat", Assert.Single(best), StringComparison.Ordinal);
    }
}
