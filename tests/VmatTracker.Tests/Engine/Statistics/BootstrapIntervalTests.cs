using VmatTracker.Engine.Statistics;

namespace VmatTracker.Tests.Engine.Statistics;

public sealed class BootstrapIntervalTests
{
    [Fact]
    public void MeanDifference_SameSeed_SameInterval_OtherSeed_Differs()
    {
        // Arrange
        double[] x = [1.83, 0.50, 1.62, 2.48, 1.68, 1.88, 1.55, 3.06, 1.30];
        double[] y = [0.878, 0.647, 0.598, 2.05, 1.06, 1.29, 1.06, 3.14, 1.29];

        // Act
        var first = BootstrapInterval.MeanDifference(x, y);
        var again = BootstrapInterval.MeanDifference(x, y);
        var other = BootstrapInterval.MeanDifference(x, y, seed: 7);

        // Assert
        Assert.Equal(first, again);
        Assert.NotEqual(first.Lower, other.Lower);
        Assert.Equal(10_000, first.Resamples);
        Assert.Equal(x.Zip(y, (a, b) => a - b).Average(), first.Estimate, 12);
        Assert.True(first.Lower < first.Estimate && first.Estimate < first.Upper, $"{first}");
        // A mean of resampled differences can never leave the range of the differences.
        Assert.True(first.Lower >= -0.147 && first.Upper <= 1.022, $"{first}");
    }

    [Fact]
    public void MeanDifference_LargeNormalSample_MatchesTheNormalTheoryInterval()
    {
        // Arrange: 400 differences with mean ≈ 1 and sd ≈ 2 from an independent generator.
        var random = new Random(12345);
        var x = Enumerable.Range(0, 400).Select(_ => 1 + (2 * Normal(random))).ToArray();
        var y = new double[x.Length];

        // Act
        var interval = BootstrapInterval.MeanDifference(x, y);

        // Assert: the percentile interval of a mean approaches mean ± 1.96·s/√n for a large sample.
        var mean = x.Average();
        var se = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1) / x.Length);
        Assert.Equal(mean - (1.96 * se), interval.Lower, 0.1 * se * 1.96);
        Assert.Equal(mean + (1.96 * se), interval.Upper, 0.1 * se * 1.96);
    }

    [Fact]
    public void MeanDifference_ConstantDifference_CollapsesToIt()
    {
        var interval = BootstrapInterval.MeanDifference([3, 4, 5, 6, 7], [1, 2, 3, 4, 5]);

        Assert.Equal(2.0, interval.Lower, 12);
        Assert.Equal(2.0, interval.Upper, 12);
    }

    [Fact]
    public void Quantile_MatchesNumpyLinearPercentile()
    {
        // numpy.percentile([1, 2, 3, 4], [25, 50, 2.5]) = 1.75, 2.5, 1.075
        double[] sorted = [1, 2, 3, 4];

        Assert.Equal(1.75, BootstrapInterval.Quantile(sorted, 0.25), 12);
        Assert.Equal(2.5, BootstrapInterval.Quantile(sorted, 0.5), 12);
        Assert.Equal(1.075, BootstrapInterval.Quantile(sorted, 0.025), 12);
    }

    [Fact]
    public void MeanDifference_BadInput_Throws()
    {
        Assert.Throws<ArgumentException>(() => BootstrapInterval.MeanDifference([], []));
        Assert.Throws<ArgumentException>(() => BootstrapInterval.MeanDifference([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => BootstrapInterval.MeanDifference([1, double.PositiveInfinity], [1, 2]));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
