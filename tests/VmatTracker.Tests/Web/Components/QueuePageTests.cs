using Bunit;
using Microsoft.Extensions.DependencyInjection;
using VmatTracker.Data;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Queue;
using VmatTracker.Web.Components.Pages;

namespace VmatTracker.Tests.Web.Components;

public sealed class QueuePageTests : DashboardContext
{
    [Fact]
    public async Task MoveUpAndCancel_WaitingRuns_OrderChangesAndCancelledRunRecorded()
    {
        // Arrange
        var queue = Services.GetRequiredService<TrainingQueue>();
        var ids = await QueueRunsAsync(queue, "a", "b", "c");
        var page = Render<Queue>();

        // Act: c up one place, then cancel a. Each find and click runs on the renderer's dispatcher, so the page's own
        // refresh (the queue's change event redraws it at once) cannot replace the button in between.
        await page.InvokeAsync(() => page.FindAll("tr[data-testid=waiting-run]")[2].QuerySelector("button[data-testid=move-up]")!.Click());
        page.WaitForAssertion(() => Assert.Equal([ids[0], ids[2], ids[1]], WaitingIds(page)));
        await page.InvokeAsync(() => page.FindAll("tr[data-testid=waiting-run]")[0].QuerySelector("button[data-testid=cancel]")!.Click());

        // Assert
        page.WaitForAssertion(() => Assert.Equal([ids[2], ids[1]], WaitingIds(page)));
        Assert.Equal([ids[2], ids[1]], queue.Snapshot().Waiting.Select(r => r.RunId));
        Assert.Equal(RunStatus.Cancelled, (await Store.Queries.GetAsync(ids[0], Token))!.Summary.Status);
    }

    [Fact]
    public async Task Stop_RunningRun_ItsTokenIsTripped()
    {
        // Arrange: the first run taken by a worker.
        var queue = Services.GetRequiredService<TrainingQueue>();
        await QueueRunsAsync(queue, "a", "b");
        var running = queue.TryStartNext()!.Value;
        var page = Render<Queue>();

        // Act
        page.Find("tr[data-testid=running-run] button[data-testid=stop]").Click();

        // Assert
        Assert.True(running.Stop.IsCancellationRequested);
        Assert.Single(page.FindAll("tr[data-testid=waiting-run]"));
    }

    [Fact]
    public async Task AddedWhileOpen_NewRunAppearsWithoutReload()
    {
        // Arrange
        var queue = Services.GetRequiredService<TrainingQueue>();
        var page = Render<Queue>();
        page.Find("[data-testid=none-waiting]");

        // Act
        var ids = await QueueRunsAsync(queue, "late");

        // Assert
        page.WaitForAssertion(() => Assert.Equal(ids, WaitingIds(page)));
    }

    private static long[] WaitingIds(IRenderedComponent<Queue> page) =>
        [.. page.FindAll("tr[data-testid=waiting-run]").Select(r => long.Parse(r.GetAttribute("data-run-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    private async Task<long[]> QueueRunsAsync(TrainingQueue queue, params string[] names)
    {
        var ids = new List<long>();
        foreach (var name in names)
        {
            var id = await Store.Recorder.CreateRunAsync(new NewRun { Experiment = "q", Name = name }, Token);
            queue.Add(new QueuedRun(id, new TrainerOptions { ExpName = name, DataDir = DataFolder }));
            ids.Add(id);
        }

        return [.. ids];
    }
}
