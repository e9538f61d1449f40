using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Tests.Engine.Geometry;

public sealed class SignedDistanceTests
{
    [Fact]
    public void Compute_Block_BoundaryVoxelsAreOneNeighbourSpacing()
    {
        // Arrange: a 3x3x3 block inside a 7x7x7 grid with spacing (2, 1, 3) mm.
        var shape = new VolumeShape(7, 7, 7);
        var spacing = new VoxelSpacing(2, 1, 3);
        var mask = Block(shape, 2, 5);

        // Act
        var sdf = SignedDistance.Compute(mask, shape, spacing);

        // Assert: the block's centre is 2 voxels from outside along X (1 mm each), the smallest spacing.
        Assert.Equal(-2.0, sdf[shape.IndexOf(3, 3, 3)], 1e-12);
        // Y face: inside boundary voxel -2 mm (Y spacing), its outside neighbour +2 mm.
        Assert.Equal(-2.0, sdf[shape.IndexOf(2, 3, 3)], 1e-12);
        // X face: inside boundary voxel -1 mm (X spacing).
        Assert.Equal(-1.0, sdf[shape.IndexOf(3, 2, 3)], 1e-12);
        Assert.Equal(2.0, sdf[shape.IndexOf(1, 3, 3)], 1e-12);
        // Z face outside neighbour: +3 mm.
        Assert.Equal(3.0, sdf[shape.IndexOf(3, 3, 1)], 1e-12);
    }

    [Fact]
    public void Compute_RandomMask_NegativeExactlyInside()
    {
        // Arrange
        var shape = new VolumeShape(6, 8, 5);
        var feature = DistanceTransformTests.RandomFeature(shape, 9, 0.4);
        var mask = feature.Select(f => f ? (byte)1 : (byte)0).ToArray();

        // Act
        var sdf = SignedDistance.Compute(mask, shape, new VoxelSpacing(1.5, 0.8, 2.5));

        // Assert
        for (var i = 0; i < sdf.Length; i++)
        {
            Assert.Equal(mask[i] != 0, sdf[i] < 0);
            Assert.NotEqual(0.0, sdf[i]);
        }
    }

    [Fact]
    public void ComputeNormalized_EmptyMask_IsPlusOneEverywhere()
    {
        // Arrange
        var shape = new VolumeShape(4, 4, 4);

        // Act
        var sdf = SignedDistance.ComputeNormalized(new byte[shape.VoxelCount], shape, new VoxelSpacing(4, 4, 4));

        // Assert
        Assert.All(sdf, v => Assert.Equal(1.0f, v));
    }

    [Theory]
    [InlineData(-80.0, -1.0f)]
    [InlineData(-4.0, -0.08f)]
    [InlineData(25.0, 0.5f)]
    [InlineData(50.0, 1.0f)]
    [InlineData(double.PositiveInfinity, 1.0f)]
    public void Normalize_Millimetres_ClipsAndScales(double mm, float expected)
    {
        // Arrange / Act
        var normalized = SignedDistance.Normalize(mm);

        // Assert
        Assert.Equal(expected, normalized, 1e-6f);
    }

    private static byte[] Block(VolumeShape shape, int from, int to)
    {
        var mask = new byte[shape.VoxelCount];
        for (var y = from; y < to; y++)
        {
            for (var x = from; x < to; x++)
            {
                for (var z = from; z < to; z++)
                {
                    mask[shape.IndexOf(y, x, z)] = 1;
                }
            }
        }

        return mask;
    }
}
