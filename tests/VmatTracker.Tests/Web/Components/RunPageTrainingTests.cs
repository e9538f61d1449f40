using Bunit;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Execution;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class RunPageTrainingTests : DashboardContext
{
    [Fact]
    public async Task Stop_RunningRun_TripsItsTokenAndLogLinesArriveLive()
    {
        // Arrange: a run a worker has taken and marked running.
        var queue = Services.GetRequiredService<TrainingQueue>();
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);
        queue.Add(new QueuedRun(id, new TrainerOptions { ExpName = "r" }));
        var running = queue.TryStartNext()!.Value;
        await Store.Recorder.StartAsync(id, Token);
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Act
        page.WaitForElement("button[data-testid=stop-run]").Click();
        Services.GetRequiredService<RunLogs>().Append(id, "epoch 0: val/mae_gy 3.2");

        // Assert
        Assert.True(running.Stop.IsCancellationRequested);
        page.WaitForAssertion(() => Assert.Contains("epoch 0: val/mae_gy 3.2",
            page.Find("[data-testid=log-tail]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunningRun_BatchesArrive_ProgressLineFollowsThemLive()
    {
        // Arrange: a running run of 4 epochs that this server trains (the worker's observer feeds LiveBatchProgress).
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r", ConfigJson = """{"epochs": 4}""" }, Token);
        await Store.Recorder.StartAsync(id, Token);
        var batches = Services.GetRequiredService<LiveBatchProgress>();
        batches.Started(id, startEpoch: 0);
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Act
        batches.Update(id, new BatchProgress(1, 3, 10, 13, 0.02, TimeSpan.FromMinutes(13)));

        // Assert: epoch 2 of 4 (1-based), batch 3 of 10; 27 batches left at a minute each
        page.WaitForAssertion(() => Assert.Equal("epoch 2 / 4, batch 3 / 10, about 27 min left",
            page.Find("[data-testid=run-progress-text]").TextContent.Trim()));
    }

    [Fact]
    public async Task FinishedRun_NoLiveLines_ShowsTheEndOfItsTrainLog()
    {
        // Arrange: a run trained before a restart, its folder recorded.
        var folder = Path.Combine(DataFolder, "old-run");
        Directory.CreateDirectory(folder);
        await File.WriteAllLinesAsync(Path.Combine(folder, TrainingRunner.LogFileName),
            [.. Enumerable.Range(0, 60).Select(i => $"line {i}")], Token);
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "old", Status = RunStatus.Completed }, Token);
        await Store.Recorder.AddArtifactAsync(id, new ArtifactInfo(folder, RunRecorder.RunFolderArtifactKind), Token);

        // Act
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Assert: the last 50 lines.
        page.WaitForAssertion(() => Assert.Contains("line 59", page.Markup, StringComparison.Ordinal));
        var tail = page.Find("[data-testid=log-tail]").TextContent;
        Assert.Contains("line 59", tail, StringComparison.Ordinal);
        Assert.Contains("line 10", tail, StringComparison.Ordinal);
        Assert.DoesNotContain("line 9\n", tail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_InterruptedRunWithoutCheckpoint_SaysThereIsNothingToResumeFrom()
    {
        // Arrange
        var options = new TrainerOptions { ExpName = "cut", DataDir = DataFolder, LogDir = Settings.RunsFolder! };
        var id = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "cut",
            ConfigJson = TrainingRunConfig.ToJson(options).ToJsonString(),
        }, Token);
        await Store.Recorder.StartAsync(id, Token);
        await Store.Recorder.MarkInterruptedAsync(id, Token);
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Act
        page.WaitForElement("button[data-testid=resume-run]").Click();

        // Assert
        page.WaitForAssertion(() => Assert.Contains("left no checkpoint to resume from",
            page.Find("[data-testid=action-problem]").TextContent, StringComparison.Ordinal));
        Assert.Empty(Services.GetRequiredService<TrainingQueue>().Snapshot().Waiting);
    }

    [Fact]
    public async Task Resume_InterruptedRunWithCheckpoint_QueuesItsOptionsWithResumeInTheSameFolder()
    {
        // Arrange: an interrupted run whose folder has a last checkpoint.
        var options = new TrainerOptions { ExpName = "cut2", DataDir = DataFolder, LogDir = Settings.RunsFolder!, BaseChannels = 16, PatchSize = 32 };
        Directory.CreateDirectory(Path.Combine(options.RunFolder, "checkpoints"));
        await File.WriteAllBytesAsync(Path.Combine(options.RunFolder, "checkpoints", "last.dat"), [1], Token);
        var id = await Store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "e",
            Name = "cut2",
            ConfigJson = TrainingRunConfig.ToJson(options).ToJsonString(),
        }, Token);
        await Store.Recorder.StartAsync(id, Token);
        await Store.Recorder.MarkInterruptedAsync(id, Token);
        var page = Render<RunPage>(p => p.Add(c => c.RunId, id));

        // Act
        page.WaitForElement("button[data-testid=resume-run]").Click();

        // Assert
        var queue = Services.GetRequiredService<TrainingQueue>();
        page.WaitForAssertion(() => Assert.Single(queue.Snapshot().Waiting));
        var resumed = queue.Snapshot().Waiting[0];
        Assert.True(resumed.Options.Resume);
        Assert.Equal(options.RunFolder, resumed.Options.RunFolder);
        var stored = (await Store.Queries.GetAsync(resumed.RunId, Token))!;
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), stored.Summary.Tags[RunLauncher.ResumedFromTag]);
    }
}
