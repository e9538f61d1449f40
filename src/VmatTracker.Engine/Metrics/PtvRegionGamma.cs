using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Metrics;

/// <summary>
/// Gamma restricted to the region around the targets (reference-spec 4.3): the union of the PTV masks dilated by a
/// box of half-width max(1, round(5 mm / spacing)) voxels per axis (round half to even, as Python's round), then
/// the whole-volume gamma averaged over that mask after the same decimation as the gamma grid. Computing first and
/// masking second lets the distance search cross the mask's edge.
/// </summary>
public static class PtvRegionGamma
{
    /// <summary>The reference's margin around the targets.</summary>
    public const double MarginMm = 5;

    /// <summary>Half-width in voxels of the box for one axis.</summary>
    public static int HalfWidth(double spacingMm, double marginMm = MarginMm) =>
        Math.Max(1, (int)Math.Round(marginMm / spacingMm, MidpointRounding.ToEven));

    /// <summary>The union of <paramref name="masks"/> (Y·X·Z bytes each), dilated by the box, at full resolution.</summary>
    public static byte[] DilatedUnion(IEnumerable<ReadOnlyMemory<byte>> masks, VolumeShape shape, VoxelSpacing spacing, double marginMm = MarginMm)
    {
        ArgumentNullException.ThrowIfNull(masks);
        var union = new byte[shape.VoxelCount];
        foreach (var mask in masks)
        {
            var m = mask.Span;
            for (var i = 0; i < union.Length; i++)
            {
                union[i] |= m[i] > 0 ? (byte)1 : (byte)0;
            }
        }

        // A box is separable: dilating along each axis in turn equals dilating by the box.
        var strides = new[] { shape.X * shape.Z, shape.Z, 1 };
        var lengths = new[] { shape.Y, shape.X, shape.Z };
        var halves = new[] { HalfWidth(spacing.Y, marginMm), HalfWidth(spacing.X, marginMm), HalfWidth(spacing.Z, marginMm) };
        for (var axis = 0; axis < 3; axis++)
        {
            union = DilateAxis(union, lengths, strides, axis, halves[axis]);
        }

        return union;
    }

    /// <summary>
    /// Statistics of <paramref name="gamma"/> over <paramref name="fullResolutionMask"/> (decimated by the gamma's
    /// subsample factor); the pass rate counts the finite gamma values inside the mask.
    /// </summary>
    public static GammaResult Restrict(GammaResult gamma, byte[] fullResolutionMask, VolumeShape fullShape, int subsample)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        ArgumentNullException.ThrowIfNull(fullResolutionMask);
        var grid = gamma.Shape;
        var masked = new double[gamma.Gamma.Length];
        var n = 0;
        for (var y = 0; y < grid.Y; y++)
        {
            for (var x = 0; x < grid.X; x++)
            {
                for (var z = 0; z < grid.Z; z++)
                {
                    var inside = fullResolutionMask[fullShape.IndexOf(y * subsample, x * subsample, z * subsample)] > 0;
                    masked[n] = inside ? gamma.Gamma[n] : double.NaN;
                    n++;
                }
            }
        }

        return GammaIndex.Summarise(masked, grid, gamma.Spacing, gamma.Normalisation);
    }

    private static byte[] DilateAxis(byte[] source, int[] lengths, int[] strides, int axis, int half)
    {
        var result = new byte[source.Length];
        var length = lengths[axis];
        var stride = strides[axis];
        for (var start = 0; start < source.Length; start++)
        {
            // Visit each line once, from its first voxel along this axis.
            if (start / stride % length != 0)
            {
                continue;
            }

            var lastOn = int.MinValue / 2;
            var nextOn = int.MaxValue / 2;

            // Distance to the nearest set voxel on either side, in one forward and one backward pass.
            var forward = new int[length];
            for (var i = 0; i < length; i++)
            {
                if (source[start + (i * stride)] != 0)
                {
                    lastOn = i;
                }

                forward[i] = i - lastOn;
            }

            for (var i = length - 1; i >= 0; i--)
            {
                if (source[start + (i * stride)] != 0)
                {
                    nextOn = i;
                }

                result[start + (i * stride)] = forward[i] <= half || nextOn - i <= half ? (byte)1 : (byte)0;
            }
        }

        return result;
    }
}
