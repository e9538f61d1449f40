using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Tests.Engine.Geometry;

public sealed class GaussianFilterTests
{
    [Fact]
    public void Kernel_SigmaOne_MatchesAnalyticWeights()
    {
        // Arrange / Act
        var kernel = GaussianFilter.Kernel(1.0);

        // Assert: radius 4 (truncate 4), weights exp(-x²/2) normalised.
        Assert.Equal(9, kernel.Length);
        var sum = Enumerable.Range(-4, 9).Sum(x => Math.Exp(-0.5 * x * x));
        Assert.Equal(1.0 / sum, kernel[4], 1e-14);
        Assert.Equal(Math.Exp(-2.0) / sum, kernel[6], 1e-14);
        Assert.Equal(1.0, kernel.Sum(), 1e-14);
    }

    [Fact]
    public void Apply3D_InteriorImpulse_PreservesSumAndMatchesProductOfKernels()
    {
        // Arrange: sigma of 1 voxel on every axis with anisotropic spacing.
        var shape = new VolumeShape(21, 19, 23);
        var spacing = new VoxelSpacing(2, 3, 1.5);
        var data = new double[shape.VoxelCount];
        data[shape.IndexOf(10, 9, 11)] = 1.0;

        // Act
        GaussianFilter.Apply3D(data, shape, spacing, 2.0, 3.0, 1.5);

        // Assert
        Assert.Equal(1.0, data.Sum(), 1e-12);
        var k = GaussianFilter.Kernel(1.0);
        Assert.Equal(k[4] * k[4] * k[4], data[shape.IndexOf(10, 9, 11)], 1e-14);
        Assert.Equal(k[5] * k[4] * k[7], data[shape.IndexOf(11, 9, 14)], 1e-14);
    }

    [Fact]
    public void Apply2D_ConstantImage_StaysConstantWithEitherBoundary()
    {
        // Arrange
        var reflect = Enumerable.Repeat(3.0, 5 * 7).ToArray();
        var nearest = Enumerable.Repeat(3.0, 5 * 7).ToArray();

        // Act
        GaussianFilter.Apply2D(reflect, 5, 7, 2.0, 3.0, BoundaryMode.Reflect);
        GaussianFilter.Apply2D(nearest, 5, 7, 2.0, 3.0, BoundaryMode.Nearest);

        // Assert
        Assert.All(reflect, v => Assert.Equal(3.0, v, 1e-12));
        Assert.All(nearest, v => Assert.Equal(3.0, v, 1e-12));
    }

    [Theory]
    [InlineData(-1, 4, BoundaryMode.Reflect, 0)]
    [InlineData(-2, 4, BoundaryMode.Reflect, 1)]
    [InlineData(4, 4, BoundaryMode.Reflect, 3)]
    [InlineData(9, 4, BoundaryMode.Reflect, 1)]
    [InlineData(-3, 4, BoundaryMode.Nearest, 0)]
    [InlineData(6, 4, BoundaryMode.Nearest, 3)]
    public void MapIndex_OutsideRange_FollowsScipyModes(int index, int n, BoundaryMode mode, int expected)
    {
        // Arrange / Act
        var mapped = GaussianFilter.MapIndex(index, n, mode);

        // Assert
        Assert.Equal(expected, mapped);
    }
}
