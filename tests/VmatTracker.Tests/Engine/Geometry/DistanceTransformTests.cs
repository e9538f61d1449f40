using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Tests.Engine.Geometry;

public sealed class DistanceTransformTests
{
    [Theory]
    [InlineData(1, 0.3)]
    [InlineData(2, 0.05)]
    [InlineData(3, 0.6)]
    [InlineData(4, 0.01)]
    public void Squared_RandomAnisotropicMask_MatchesBruteForce(int seed, double density)
    {
        // Arrange
        var shape = new VolumeShape(7, 6, 9);
        var spacing = new VoxelSpacing(1.3, 0.7, 2.9);
        var feature = RandomFeature(shape, seed, density);

        // Act
        var squared = DistanceTransform.Squared(feature, shape, spacing);

        // Assert
        var expected = BruteForce(feature, shape, spacing);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], squared[i], 1e-9);
        }
    }

    [Fact]
    public void Squared_NoFeature_IsInfiniteEverywhere()
    {
        // Arrange
        var shape = new VolumeShape(3, 4, 5);

        // Act
        var squared = DistanceTransform.Squared(new bool[shape.VoxelCount], shape, new VoxelSpacing(1, 2, 3));

        // Assert
        Assert.All(squared, v => Assert.True(double.IsPositiveInfinity(v)));
    }

    [Fact]
    public void Squared_SingleFeature_IsWeightedSquaredOffset()
    {
        // Arrange
        var shape = new VolumeShape(5, 5, 5);
        var feature = new bool[shape.VoxelCount];
        feature[shape.IndexOf(2, 2, 2)] = true;

        // Act
        var squared = DistanceTransform.Squared(feature, shape, new VoxelSpacing(1, 2, 3));

        // Assert: (0,0,0) is 2 voxels away on each axis.
        Assert.Equal((2 * 2 * 1) + (2 * 2 * 4) + (2 * 2 * 9), squared[shape.IndexOf(0, 0, 0)], 1e-12);
        Assert.Equal(0.0, squared[shape.IndexOf(2, 2, 2)]);
    }

    internal static bool[] RandomFeature(VolumeShape shape, int seed, double density)
    {
        // A tiny LCG keeps the fixture independent of System.Random's algorithm.
        var state = (ulong)seed * 6364136223846793005UL + 1442695040888963407UL;
        var feature = new bool[shape.VoxelCount];
        for (var i = 0; i < feature.Length; i++)
        {
            state = (state * 6364136223846793005UL) + 1442695040888963407UL;
            feature[i] = (state >> 11) * (1.0 / (1UL << 53)) < density;
        }

        return feature;
    }

    private static double[] BruteForce(bool[] feature, VolumeShape shape, VoxelSpacing spacing)
    {
        var result = new double[shape.VoxelCount];
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var best = double.PositiveInfinity;
                    for (var fy = 0; fy < shape.Y; fy++)
                    {
                        for (var fx = 0; fx < shape.X; fx++)
                        {
                            for (var fz = 0; fz < shape.Z; fz++)
                            {
                                if (!feature[shape.IndexOf(fy, fx, fz)])
                                {
                                    continue;
                                }

                                var dy = (y - fy) * spacing.Y;
                                var dx = (x - fx) * spacing.X;
                                var dz = (z - fz) * spacing.Z;
                                best = Math.Min(best, (dy * dy) + (dx * dx) + (dz * dz));
                            }
                        }
                    }

                    result[shape.IndexOf(y, x, z)] = best;
                }
            }
        }

        return result;
    }
}
