using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Geometry;

/// <summary>
/// Separable Gaussian smoothing as scipy.ndimage.gaussian_filter computes it: a normalised sampled kernel of radius
/// round(truncate·σ) voxels per axis, applied axis by axis.
/// </summary>
public static class GaussianFilter
{
    /// <summary>scipy's default truncation, in standard deviations.</summary>
    public const double DefaultTruncate = 4.0;

    /// <summary>
    /// The 1-D kernel for <paramref name="sigmaVoxels"/>: exp(−x²/2σ²) for x in [−r, r], r = ⌊truncate·σ + 0.5⌋,
    /// normalised to sum 1. σ = 0 gives the identity kernel [1].
    /// </summary>
    public static double[] Kernel(double sigmaVoxels, double truncate = DefaultTruncate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sigmaVoxels);
        var radius = (int)((truncate * sigmaVoxels) + 0.5);
        if (radius == 0)
        {
            return [1.0];
        }

        var kernel = new double[(2 * radius) + 1];
        var sum = 0.0;
        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = Math.Exp(-0.5 * i * i / (sigmaVoxels * sigmaVoxels));
            sum += kernel[i + radius];
        }

        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= sum;
        }

        return kernel;
    }

    /// <summary>Smooths a (Y, X, Z) volume in place with σ given in mm per axis (0 leaves that axis alone).</summary>
    public static void Apply3D(double[] data, VolumeShape shape, VoxelSpacing spacing, double sigmaYMm, double sigmaXMm,
        double sigmaZMm, BoundaryMode mode = BoundaryMode.Reflect)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != shape.VoxelCount)
        {
            throw new ArgumentException($"Volume has {data.Length} values but shape {shape} has {shape.VoxelCount}.");
        }

        FilterAxis(data, shape.Y, shape.X, shape.Z, 0, Kernel(sigmaYMm / spacing.Y), mode);
        FilterAxis(data, shape.Y, shape.X, shape.Z, 1, Kernel(sigmaXMm / spacing.X), mode);
        FilterAxis(data, shape.Y, shape.X, shape.Z, 2, Kernel(sigmaZMm / spacing.Z), mode);
    }

    /// <summary>Smooths a C-order (rows, cols) image in place with σ given in voxels per axis.</summary>
    public static void Apply2D(double[] data, int rows, int cols, double sigmaRows, double sigmaCols,
        BoundaryMode mode = BoundaryMode.Reflect)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.Length != rows * cols)
        {
            throw new ArgumentException($"Image has {data.Length} values, not {rows}x{cols}.");
        }

        FilterAxis(data, 1, rows, cols, 1, Kernel(sigmaRows), mode);
        FilterAxis(data, 1, rows, cols, 2, Kernel(sigmaCols), mode);
    }

    /// <summary>Correlates every line along <paramref name="axis"/> of a (d0, d1, d2) C-order array with the kernel.</summary>
    private static void FilterAxis(double[] data, int d0, int d1, int d2, int axis, double[] kernel, BoundaryMode mode)
    {
        if (kernel.Length == 1)
        {
            return;
        }

        var n = axis switch { 0 => d0, 1 => d1, _ => d2 };
        var stride = axis switch { 0 => d1 * d2, 1 => d2, _ => 1 };
        var radius = kernel.Length / 2;

        // Precomputing the source index of every padded position keeps the inner loop branch-free.
        var source = new int[n + (2 * radius)];
        for (var i = 0; i < source.Length; i++)
        {
            source[i] = MapIndex(i - radius, n, mode);
        }

        var line = new double[n];
        var (outerCount, innerCount) = axis switch { 0 => (1, d1 * d2), 1 => (d0, d2), _ => (d0 * d1, 1) };
        var outerStride = axis switch { 0 => 0, 1 => d1 * d2, _ => d2 };
        for (var outer = 0; outer < outerCount; outer++)
        {
            for (var inner = 0; inner < innerCount; inner++)
            {
                var start = (outer * outerStride) + inner;
                for (var i = 0; i < n; i++)
                {
                    line[i] = data[start + (i * stride)];
                }

                for (var i = 0; i < n; i++)
                {
                    var acc = 0.0;
                    for (var k = 0; k < kernel.Length; k++)
                    {
                        acc += kernel[k] * line[source[i + k]];
                    }

                    data[start + (i * stride)] = acc;
                }
            }
        }
    }

    /// <summary>Maps an index outside [0, n) back inside per the boundary mode.</summary>
    internal static int MapIndex(int i, int n, BoundaryMode mode)
    {
        if (mode == BoundaryMode.Nearest)
        {
            return Math.Clamp(i, 0, n - 1);
        }

        // Reflect has period 2n: positions n..2n−1 mirror back onto n−1..0.
        var period = 2 * n;
        var m = ((i % period) + period) % period;
        return m < n ? m : period - 1 - m;
    }
}
