using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class PtvRegionGammaTests
{
    [Theory]
    [InlineData(4.0, 1)]
    [InlineData(2.0, 2)]
    [InlineData(1.0, 5)]
    [InlineData(10.0, 1)]
    [InlineData(3.0, 2)]
    [InlineData(2.5, 2)]
    public void HalfWidth_Spacing_RoundsHalfToEvenWithAtLeastOne(double spacing, int expected)
    {
        // Arrange / Act
        var half = PtvRegionGamma.HalfWidth(spacing);

        // Assert: 5 / 2 = 2.5 rounds to 2 as in Python; 5 / 10 = 0.5 rounds to 0, then max(1, .).
        Assert.Equal(expected, half);
    }

    [Fact]
    public void DilatedUnion_SingleVoxelAnisotropic_GrowsByTheBoxPerAxis()
    {
        // Arrange: spacing 5, 2.5, 1 mm gives half-widths 1, 2, 5.
        var shape = new VolumeShape(9, 9, 15);
        var a = new byte[shape.VoxelCount];
        a[shape.IndexOf(4, 4, 7)] = 1;

        // Act
        var dilated = PtvRegionGamma.DilatedUnion([a], shape, new VoxelSpacing(5, 2.5, 1));

        // Assert
        Assert.Equal(3 * 5 * 11, dilated.Count(v => v == 1));
        Assert.Equal(1, dilated[shape.IndexOf(5, 6, 12)]);
        Assert.Equal(0, dilated[shape.IndexOf(6, 4, 7)]);
        Assert.Equal(0, dilated[shape.IndexOf(4, 4, 13)]);
    }

    [Fact]
    public void Restrict_MaskedHalf_CountsOnlyPointsInside()
    {
        // Arrange: gamma 0.5 in the first half of axis 0 and 1.5 in the second; the mask covers the first half.
        var shape = new VolumeShape(4, 2, 2);
        var gamma = Enumerable.Range(0, 16).Select(i => i < 8 ? 0.5 : 1.5).ToArray();
        var result = GammaIndex.Summarise(gamma, shape, new VoxelSpacing(1, 1, 1), 1);
        var mask = Enumerable.Range(0, 16).Select(i => i < 8 ? (byte)1 : (byte)0).ToArray();

        // Act
        var region = PtvRegionGamma.Restrict(result, mask, shape, 1);

        // Assert
        Assert.Equal(50.0, result.PassRate);
        Assert.Equal(100.0, region.PassRate);
        Assert.Equal(8, region.EvaluatedPoints);
    }
}
