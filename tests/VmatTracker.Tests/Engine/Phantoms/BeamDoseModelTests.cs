using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.Phantoms;

public sealed class BeamDoseModelTests
{
    private static readonly VolumeShape s_shape = new(24, 24, 8);
    private static readonly VoxelSpacing s_spacing = new(8, 8, 8);

    [Fact]
    public void ArcDoses_CentredTargetInWaterCylinder_MirrorSymmetricAndPeakedInTarget()
    {
        // Arrange
        var body = Mask((y, x, _) => (y * y) + (x * x) <= 80 * 80);
        var target = Mask((y, x, z) => (y * y) + (x * x) + (z * z) <= 20 * 20);
        var density = body.Select(b => b == 1 ? 1.0 : 0.0).ToArray();

        // Act
        var dose = BeamDoseModel.ArcDoses(new BeamDoseModel.Inputs(s_shape, s_spacing, density, body, [target],
            new byte[s_shape.VoxelCount]))[0];

        // Assert: 10° steps map onto themselves under y → −y and x → −x.
        for (var y = 0; y < s_shape.Y; y++)
        {
            for (var x = 0; x < s_shape.X; x++)
            {
                for (var z = 0; z < s_shape.Z; z++)
                {
                    var value = dose[s_shape.IndexOf(y, x, z)];
                    Assert.Equal(value, dose[s_shape.IndexOf(s_shape.Y - 1 - y, x, z)], 1e-9 * (1 + value));
                    Assert.Equal(value, dose[s_shape.IndexOf(y, s_shape.X - 1 - x, z)], 1e-9 * (1 + value));
                }
            }
        }

        var centre = dose[s_shape.IndexOf(12, 12, 4)];
        Assert.True(centre > 3 * dose[s_shape.IndexOf(12, 21, 4)], "dose falls off well outside the target");
        Assert.Equal(0.0, dose[s_shape.IndexOf(0, 0, 4)]);
    }

    [Fact]
    public void ArcDoses_AvoidStructurePosterior_ReceivesLessThanWithoutSparing()
    {
        // Arrange: a target at the centre and an "OAR" posterior to it.
        var body = Mask((y, x, _) => (y * y) + (x * x) <= 80 * 80);
        var target = Mask((y, x, z) => (y * y) + (x * x) + (z * z) <= 20 * 20);
        var avoid = Mask((y, x, _) => ((y - 44) * (y - 44)) + (x * x) <= 12 * 12);
        var density = body.Select(b => b == 1 ? 1.0 : 0.0).ToArray();
        double[] Arc(byte[] oar) => BeamDoseModel.ArcDoses(new BeamDoseModel.Inputs(s_shape, s_spacing, density, body,
            [target], oar))[0];

        // Act
        var spared = Arc(avoid);
        var unspared = Arc(new byte[s_shape.VoxelCount]);

        // Assert
        var (inOar, inOarUnspared) = (0.0, 0.0);
        for (var i = 0; i < avoid.Length; i++)
        {
            if (avoid[i] == 1)
            {
                (inOar, inOarUnspared) = (inOar + spared[i], inOarUnspared + unspared[i]);
            }
        }

        Assert.True(inOar < 0.9 * inOarUnspared, $"OAR dose {inOar:F1} vs {inOarUnspared:F1} without sparing");
        var centre = s_shape.IndexOf(12, 12, 4);
        Assert.Equal(unspared[centre], spared[centre], 0.05 * spared[centre]);
    }

    /// <summary>A mask from a predicate on mm offsets from the volume centre.</summary>
    private static byte[] Mask(Func<double, double, double, bool> inside)
    {
        var mask = new byte[s_shape.VoxelCount];
        for (var y = 0; y < s_shape.Y; y++)
        {
            for (var x = 0; x < s_shape.X; x++)
            {
                for (var z = 0; z < s_shape.Z; z++)
                {
                    var (my, mx, mz) = ((y - 11.5) * 8, (x - 11.5) * 8, (z - 3.5) * 8);
                    mask[s_shape.IndexOf(y, x, z)] = inside(my, mx, mz) ? (byte)1 : (byte)0;
                }
            }
        }

        return mask;
    }
}
