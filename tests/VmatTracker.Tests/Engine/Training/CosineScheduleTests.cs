using VmatTracker.Engine.Training;

namespace VmatTracker.Tests.Engine.Training;

public sealed class CosineScheduleTests
{
    [Theory]
    [InlineData(0, 1e-4)]
    [InlineData(50, 5.05e-5)]
    [InlineData(100, 1e-6)]
    public void LearningRate_ReferenceSettings_KnownValues(int epoch, double expected)
    {
        // Act / Assert: 1e-4 → 1e-6 over 100 epochs, cos stepped per epoch
        Assert.Equal(expected, CosineSchedule.LearningRate(epoch, 100, 1e-4), 12);
    }
}
