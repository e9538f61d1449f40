using VmatTracker.Data.Entities;
using VmatTracker.Data.Queries;
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
}
