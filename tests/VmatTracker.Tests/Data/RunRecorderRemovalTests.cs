using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

public sealed class RunRecorderRemovalTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeleteAsync_FinishedRunWithFolder_RemovesEveryRowAndReturnsTheFolderLeavingIt()
    {
        // Arrange
        var events = new RecordingRunEvents();
        using var store = await TestStore.CreateAsync(events);
        var folder = Directory.CreateDirectory(store.Folder.File("runs/exp/version_0")).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "metrics.csv"), "epoch,step\n", Token);
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "doomed", Tags = new Dictionary<string, string> { ["k"] = "v" } }, Token);
        var keep = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "kept" }, Token);
        await store.Recorder.AppendMetricsAsync(id, [new MetricValue("val/mae_gy", 1, 0, 3.0)], Token);
        await store.Recorder.AddCheckpointAsync(id, new CheckpointInfo(Path.Combine(folder, "best.ckpt"), 0), Token);
        await store.Recorder.AddArtifactAsync(id, new ArtifactInfo(folder, RunRecorder.RunFolderArtifactKind), Token);
        await store.Recorder.StartAsync(id, Token);
        await store.Recorder.CompleteAsync(id, Token);

        // Act
        var recorded = await store.Recorder.DeleteAsync(id, Token);

        // Assert: the store deletes no files; the application layer decides about the folder.
        Assert.Equal(folder, recorded);
        Assert.True(Directory.Exists(folder));
        await using var context = store.NewContext();
        Assert.False(await context.Runs.AnyAsync(r => r.Id == id, Token));
        Assert.False(await context.MetricPoints.AnyAsync(p => p.RunId == id, Token));
        Assert.False(await context.MetricSummaries.AnyAsync(p => p.RunId == id, Token));
        Assert.False(await context.RunTags.AnyAsync(p => p.RunId == id, Token));
        Assert.False(await context.Checkpoints.AnyAsync(p => p.RunId == id, Token));
        Assert.True(await context.Runs.AnyAsync(r => r.Id == keep, Token));
        Assert.Contains(events.Changes, c => c.RunId == id && c.Kind == RunChangeKind.Deleted);
    }

    [Fact]
    public async Task DeleteAsync_RunningRun_RefusedAndKept()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "busy" }, Token);
        await store.Recorder.StartAsync(id, Token);

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Recorder.DeleteAsync(id, Token));

        // Assert
        Assert.Contains("running", error.Message, StringComparison.Ordinal);
        await using var context = store.NewContext();
        Assert.True(await context.Runs.AnyAsync(r => r.Id == id, Token));
    }

    [Fact]
    public async Task DeleteAsync_NoRunFolder_DeletesRowsOnly()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "plain", Status = RunStatus.Completed }, Token);

        // Act
        var recorded = await store.Recorder.DeleteAsync(id, Token);

        // Assert
        Assert.Null(recorded);
        await Assert.ThrowsAsync<UnknownRunException>(() => store.Recorder.DeleteAsync(id, Token));
    }

    [Fact]
    public async Task SetArchivedAndStarred_ChangeTheTagAndTheStarOnly()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r", Notes = "keep these notes" }, Token);

        // Act
        await store.Recorder.SetArchivedAsync(id, archived: true, Token);
        await store.Recorder.SetStarredAsync(id, starred: true, Token);
        var archived = await store.Queries.ListAsync(new() { Filter = "tags.archived = true and starred = true" }, Token);
        await store.Recorder.SetArchivedAsync(id, archived: false, Token);
        var detail = await store.Queries.GetAsync(id, Token);

        // Assert
        Assert.Equal(id, Assert.Single(archived.Runs).Id);
        Assert.False(detail!.Summary.Tags.ContainsKey(RunRecorder.ArchivedTag));
        Assert.True(detail.Summary.Starred);
        Assert.Equal("keep these notes", detail.Notes);
    }
}
