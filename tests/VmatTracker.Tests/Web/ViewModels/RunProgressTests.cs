using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Execution;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class RunProgressTests
{
    [Fact]
    public void Of_TwoOfTenEpochsInTwentyMinutes_EightyMinutesLeft()
    {
        // Arrange
        var started = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
        var run = new RunListItem(1, "e", "r", RunStatus.Running, started, started, null, null, false, null,
            new Dictionary<string, object?> { ["epochs"] = 10L }, new Dictionary<string, string>(),
            new Dictionary<string, MetricSummaryView>
            {
                ["val/mae_gy"] = new(3, 1, 4, 0, 3, 20, 2, 0),
                ["train/loss"] = new(0.1, 1, 0.9, 0, 0.1, 20, 40, 0),
            });

        // Act
        var progress = RunProgress.Of(run, started.AddMinutes(20));

        // Assert: train/loss has 40 points (per batch), but epochs count the val/ points.
        Assert.Equal(2, progress.EpochsDone);
        Assert.Equal(20, progress.Percent, 10);
        Assert.Equal(TimeSpan.FromMinutes(80), progress.Remaining);
        Assert.Equal("epoch 2 / 10, about 1.3 h left", progress.Text);
    }

    [Fact]
    public void Of_LiveBatch_CountsBatchesForPercentAndPace()
    {
        // Arrange: 10 epochs of 20 batches, resumed at epoch 2; now at epoch 4 (0-based), batch 10, after 50 minutes:
        // 2 × 20 + 10 = 50 batches in 50 min since the resume, (10 − 4) × 20 − 10 = 110 left
        var started = new DateTime(2026, 11, 28, 9, 0, 0, DateTimeKind.Utc);
        var run = new RunListItem(1, "e", "r", RunStatus.Running, started, started, null, null, false, null,
            new Dictionary<string, object?> { ["epochs"] = 10L }, new Dictionary<string, string>(),
            new Dictionary<string, MetricSummaryView> { ["val/mae_gy"] = new(3, 1, 4, 0, 3, 20, 4, 0) });
        var batch = new LiveBatch(2, new BatchProgress(4, 10, 20, 90, 0.01, TimeSpan.FromMinutes(50)));

        // Act
        var progress = RunProgress.Of(run, started.AddHours(5), batch);

        // Assert: the batch pace, not the store's epochs since the (much earlier) start
        Assert.Equal(45, progress.Percent, 10);
        Assert.Equal(TimeSpan.FromMinutes(110), progress.Remaining);
        Assert.Equal("epoch 5 / 10, batch 10 / 20, about 1.8 h left", progress.Text);
    }

    [Fact]
    public void LiveBatchProgress_StartUpdateEnd_KeepsTheStartEpochAndTellsListeners()
    {
        // Arrange
        var batches = new LiveBatchProgress();
        var told = new List<long>();
        using var subscription = batches.Subscribe(told.Add);

        // Act
        batches.Started(7, startEpoch: 3);
        batches.Update(7, new BatchProgress(3, 1, 5, 16, 0.2, TimeSpan.FromSeconds(4)));
        var during = batches.Get(7);
        batches.Ended(7);

        // Assert
        Assert.Equal(3, during!.StartEpoch);
        Assert.Equal(1, during.Progress.Batch);
        Assert.Null(batches.Get(7));
        Assert.Equal([7L, 7L, 7L], told);
    }
}
