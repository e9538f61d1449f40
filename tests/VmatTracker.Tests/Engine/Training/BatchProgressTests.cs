using VmatTracker.Engine.Training;

namespace VmatTracker.Tests.Engine.Training;

public sealed class BatchProgressTests
{
    [Theory]
    [InlineData(0, 250.0)] // 15 batches done in 150 s, 25 left
    [InlineData(1, 750.0)] // resumed at epoch 1: only its 5 batches count toward the pace
    public void Remaining_HalfwayThroughEpochTwoOfFour_PaceOfTheBatchesSinceTheStart(int startEpoch, double expectedSeconds)
    {
        // Arrange: epoch 1 (0-based), batch 5 of 10, 150 s since this process began training.
        var progress = new BatchProgress(Epoch: 1, Batch: 5, BatchesPerEpoch: 10, GlobalStep: 15, Loss: 0.1, Elapsed: TimeSpan.FromSeconds(150));

        // Act
        var remaining = progress.Remaining(startEpoch, totalEpochs: 4);

        // Assert
        Assert.Equal(expectedSeconds, remaining!.Value.TotalSeconds, precision: 9);
    }

    [Fact]
    public void Remaining_NothingDoneYetOrPastTheLastEpoch_Unknown()
    {
        // Arrange
        var before = new BatchProgress(Epoch: 2, Batch: 0, BatchesPerEpoch: 10, GlobalStep: 20, Loss: 0, Elapsed: TimeSpan.FromSeconds(5));
        var past = new BatchProgress(Epoch: 4, Batch: 1, BatchesPerEpoch: 10, GlobalStep: 41, Loss: 0, Elapsed: TimeSpan.FromSeconds(5));

        // Act / Assert
        Assert.Null(before.Remaining(startEpoch: 2, totalEpochs: 4));
        Assert.Null(past.Remaining(startEpoch: 0, totalEpochs: 4));
    }
}
