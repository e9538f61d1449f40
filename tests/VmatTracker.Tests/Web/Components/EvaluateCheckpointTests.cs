using Bunit;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Commands;
using VmatTracker.Runs.Queue;
using VmatTracker.Runs.Training;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

/// <summary>The run page's Evaluate action and the queue page's view of evaluation jobs (no worker runs here, so the
/// jobs stay waiting; the real server's worker runs one in <c>EvaluateCheckpointServerTests</c>).</summary>
public sealed class EvaluateCheckpointTests : DashboardContext
{
    [Fact]
    public async Task Evaluate_CheckpointOfACompletedRun_QueuedAsAnEvaluationJobShownOnBothPages()
    {
        // Arrange
        var (runId, checkpoint) = await CompletedRunWithCheckpointAsync();
        var queue = Services.GetRequiredService<TrainingQueue>();
        var page = Render<RunPage>(p => p.Add(c => c.RunId, runId));

        // Act
        page.WaitForElement("tr[data-testid=checkpoint-row] button[data-testid=evaluate-checkpoint]").Click();

        // Assert: one waiting job, an evaluation of that checkpoint into the run folder; the page says it waits.
        var job = Assert.Single(queue.Snapshot().Waiting);
        Assert.Equal(QueueJobKind.Evaluate, job.Kind);
        Assert.Equal(runId, job.RunId);
        Assert.Equal(checkpoint, job.Checkpoint!.Path);
        page.WaitForAssertion(() => Assert.Equal("waiting", page.Find("[data-testid=evaluation-state]").TextContent.Trim()));
        Assert.True(page.Find("button[data-testid=evaluate-checkpoint]").HasAttribute("disabled"));
        var queuePage = Render<Queue>();
        var row = queuePage.Find("tr[data-testid=waiting-run]");
        Assert.Equal("Evaluate", row.GetAttribute("data-kind"));
        Assert.Contains("Evaluate checkpoint last.dat", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelOnQueuePage_WaitingEvaluation_DroppedAndTheRunStaysCompleted()
    {
        // Arrange
        var (runId, _) = await CompletedRunWithCheckpointAsync();
        var queue = Services.GetRequiredService<TrainingQueue>();
        var page = Render<RunPage>(p => p.Add(c => c.RunId, runId));
        page.WaitForElement("button[data-testid=evaluate-checkpoint]").Click();
        var queuePage = Render<Queue>();

        // Act: find and click on the renderer's dispatcher, so the page's own refresh cannot replace the button between.
        await queuePage.InvokeAsync(() => queuePage.Find("tr[data-testid=waiting-run] button[data-testid=cancel]").Click());

        // Assert: the cancel handler awaits the store, so the queue empties when it has run.
        queuePage.WaitForAssertion(() => Assert.Empty(queue.Snapshot().Waiting));
        Assert.Equal(RunStatus.Completed, (await Store.Queries.GetAsync(runId, Token))!.Summary.Status);
        page.WaitForAssertion(() => Assert.Equal("cancelled", page.Find("[data-testid=evaluation-state]").TextContent.Trim()));
    }

    [Fact]
    public async Task QueueEvaluationAsync_CheckpointFileGone_RefusedWithThePath()
    {
        // Arrange
        var (runId, checkpoint) = await CompletedRunWithCheckpointAsync();
        File.Delete(checkpoint);
        var launcher = Services.GetRequiredService<RunLauncher>();
        var checkpointId = (await Store.Queries.GetAsync(runId, Token))!.Checkpoints[0].Id;

        // Act
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => launcher.QueueEvaluationAsync(runId, checkpointId, Token));

        // Assert
        Assert.Contains(checkpoint, error.Message, StringComparison.Ordinal);
        Assert.Empty(Services.GetRequiredService<TrainingQueue>().Snapshot().Waiting);
    }

    private async Task<(long RunId, string Checkpoint)> CompletedRunWithCheckpointAsync()
    {
        var options = new TrainerOptions { ExpName = "done", DataDir = DataFolder, LogDir = Settings.RunsFolder! };
        var checkpoint = Path.Combine(options.RunFolder, "checkpoints", "last.dat");
        Directory.CreateDirectory(Path.GetDirectoryName(checkpoint)!);
        await File.WriteAllBytesAsync(checkpoint, [1, 2, 3], Token);
        var json = TrainingRunConfig.ToJson(options).ToJsonString();
        var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "done", ConfigJson = json, ParametersJson = json }, Token);
        await Store.Recorder.StartAsync(id, Token);
        await Store.Recorder.AddCheckpointAsync(id, new VmatTracker.Data.Recording.CheckpointInfo(checkpoint, 0, "val/mae_gy", 1.5), Token);
        await Store.Recorder.CompleteAsync(id, Token);
        return (id, checkpoint);
    }
}
