using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class CurveSmoothingTests
{
    [Fact]
    public void Ema_HalfWeight_DebiasedAverageAndGapsKept()
    {
        // Arrange: with weight 0.5, debiased EMA of 4, 2 is (0.5*2 + 0.25*4 ... ) = 0.5*(0.5*4)+0.5*2 over 0.75.
        double?[] values = [4, null, 2];

        // Act
        var smoothed = CurveSmoothing.Ema(values, 0.5);

        // Assert
        Assert.Equal(4, smoothed[0]!.Value, 12);
        Assert.Null(smoothed[1]);
        Assert.Equal(((0.5 * 2) + 1) / 0.75, smoothed[2]!.Value, 12);
    }

    [Fact]
    public void Ema_ZeroWeight_ValuesUnchanged() =>
        Assert.Equal([1.0, 5.0, 3.0], CurveSmoothing.Ema([1.0, 5.0, 3.0], 0).Select(v => v!.Value));
}
