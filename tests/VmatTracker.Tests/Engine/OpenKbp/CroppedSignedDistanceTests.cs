using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;
using VmatTracker.Engine.OpenKbp;

namespace VmatTracker.Tests.Engine.OpenKbp;

public sealed class CroppedSignedDistanceTests
{
    [Theory]
    [InlineData(0, 3, 0, 29, 10, 14)] // thin slab on the Y = 0 face, spanning X: the box is cut by the volume
    [InlineData(5, 34, 0, 29, 5, 54)] // a block across X, deeper than 50 mm inside: clipped to -1 in its core
    [InlineData(20, 20, 15, 15, 25, 25)] // one voxel
    public void ComputeNormalizedInto_Box_EqualsTheWholeVolumeTransform(int y0, int y1, int x0, int x1, int z0, int z1)
    {
        // Arrange
        var shape = new VolumeShape(40, 30, 100); // long enough in Z that every box is smaller than the volume
        var spacing = new VoxelSpacing(4, 3.5, 2.5);
        var mask = new byte[shape.VoxelCount];
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                for (var z = z0; z <= z1; z++)
                {
                    mask[shape.IndexOf(y, x, z)] = 1;
                }
            }
        }

        var cropped = new float[shape.VoxelCount];

        // Act
        CroppedSignedDistance.ComputeNormalizedInto(mask, shape, spacing, cropped);

        // Assert
        var whole = SignedDistance.ComputeNormalized(mask, shape, spacing);
        Assert.Equal(whole, cropped);
        Assert.Contains(1f, cropped);
        Assert.Equal(y0 == 5, cropped.Contains(-1f)); // only the block has a core deeper than 50 mm
    }

    [Fact]
    public void ComputeNormalizedInto_EmptyMask_IsPlusOneEverywhere()
    {
        // Arrange
        var shape = new VolumeShape(8, 8, 8);
        var sdf = new float[shape.VoxelCount];

        // Act
        CroppedSignedDistance.ComputeNormalizedInto(new byte[shape.VoxelCount], shape, new VoxelSpacing(1, 1, 1), sdf);

        // Assert
        Assert.All(sdf, v => Assert.Equal(1f, v));
    }
}
