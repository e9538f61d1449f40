using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.Phantoms;

public sealed class DoseStatisticsTests
{
    [Theory]
    [InlineData(5.0, 1.0)]
    [InlineData(50.0, 5.0)]
    [InlineData(98.0, 9.0)]
    [InlineData(100.0, 10.0)]
    public void PercentileLower_OneToTen_MatchesNumpyLower(double q, double expected)
    {
        // Arrange: np.percentile(np.arange(1, 11), q, method='lower').
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        // Act
        var value = DoseStatistics.PercentileLower(sorted, q);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Median_EvenCount_AveragesMiddlePair()
    {
        // Arrange / Act / Assert
        Assert.Equal(2.5, DoseStatistics.Median([1, 2, 3, 4]));
        Assert.Equal(3.0, DoseStatistics.Median([1, 2, 3, 4, 5]));
    }

    [Fact]
    public void SortedInside_Mask_SelectsAndSorts()
    {
        // Arrange
        double[] dose = [5, 1, 4, 2];
        byte[] mask = [1, 0, 1, 1];

        // Act
        var sorted = DoseStatistics.SortedInside(dose, mask);

        // Assert
        Assert.Equal([2.0, 4.0, 5.0], sorted);
    }
}
