using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

/// <summary>Gamma of chosen points must equal the whole map's values at those points (same 3D search).</summary>
public sealed class GammaPointsTests
{
    [Fact]
    public void Compute_OnePlane_EqualsTheFullMapAtThosePoints()
    {
        // Arrange: a smooth dose with a shifted, scaled prediction, so gamma varies and some points fail.
        var shape = new VolumeShape(12, 10, 8);
        var spacing = new VoxelSpacing(2, 2.5, 3);
        var reference = new double[shape.VoxelCount];
        var evaluated = new double[shape.VoxelCount];
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var r2 = Math.Pow(y - 6, 2) + Math.Pow(x - 5, 2) + Math.Pow(z - 4, 2);
                    reference[shape.IndexOf(y, x, z)] = 60 * Math.Exp(-r2 / 20);
                    var s2 = Math.Pow(y - 7.5, 2) + Math.Pow(x - 5, 2) + Math.Pow(z - 4, 2);
                    evaluated[shape.IndexOf(y, x, z)] = 72 * Math.Exp(-s2 / 18);
                }
            }
        }

        var options = new GammaOptions();
        var full = GammaIndex.Compute(reference, evaluated, shape, spacing, options, TestContext.Current.CancellationToken);
        var plane = new List<int>();
        for (var y = 0; y < shape.Y; y++)
        {
            for (var z = 0; z < shape.Z; z++)
            {
                plane.Add(shape.IndexOf(y, 3, z));
            }
        }

        // Act
        var points = GammaPoints.Compute(reference, evaluated, shape, spacing, options, plane, TestContext.Current.CancellationToken);

        // Assert: identical values (NaN where excluded), and the plane really has passing, failing and excluded points.
        Assert.Equal(plane.Select(i => full.Gamma[i]), points);
        Assert.Contains(points, g => g > 1);
        Assert.Contains(points, g => g <= 1);
        Assert.Contains(points, double.IsNaN);
    }

    [Fact]
    public void Compute_IndexOutsideTheVolume_ThrowsNamingIt()
    {
        // Arrange
        var shape = new VolumeShape(2, 2, 2);
        var dose = new double[8];

        // Act
        var error = Assert.Throws<ArgumentException>(() =>
            GammaPoints.Compute(dose, dose, shape, new VoxelSpacing(1, 1, 1), new GammaOptions(), [8], TestContext.Current.CancellationToken));

        // Assert
        Assert.Contains("point index 8", error.Message, StringComparison.Ordinal);
    }
}
