using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Geometry;

/// <summary>
/// Exact Euclidean distance transform on an anisotropic grid (Felzenszwalb and Huttenlocher 2012: a separable pass
/// per axis, each computing the lower envelope of parabolas). Distances are between voxel centres, as in scipy's
/// <c>distance_transform_edt(..., sampling=spacing)</c>.
/// </summary>
public static class DistanceTransform
{
    /// <summary>
    /// Squared distance in mm² from every voxel to the nearest voxel where <paramref name="feature"/> is true: 0 on
    /// feature voxels, +∞ everywhere when there is no feature voxel.
    /// </summary>
    public static double[] Squared(ReadOnlySpan<bool> feature, VolumeShape shape, VoxelSpacing spacing)
    {
        CheckLength(feature.Length, shape);
        var grid = new double[shape.VoxelCount];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = feature[i] ? 0.0 : double.PositiveInfinity;
        }

        TransformInPlace(grid, shape, spacing);
        return grid;
    }

    /// <summary>
    /// Squared distance in mm² to the nearest voxel whose mask value is non-zero (<paramref name="toInside"/> true)
    /// or zero (false). The byte form saves the bool copy when the caller already holds a mask.
    /// </summary>
    internal static double[] SquaredFromMask(ReadOnlySpan<byte> mask, VolumeShape shape, VoxelSpacing spacing, bool toInside)
    {
        CheckLength(mask.Length, shape);
        var grid = new double[shape.VoxelCount];
        for (var i = 0; i < grid.Length; i++)
        {
            grid[i] = (mask[i] != 0) == toInside ? 0.0 : double.PositiveInfinity;
        }

        TransformInPlace(grid, shape, spacing);
        return grid;
    }

    /// <summary>Runs the three 1-D passes over a grid of 0 (feature) and +∞ (other) values.</summary>
    internal static void TransformInPlace(double[] grid, VolumeShape shape, VoxelSpacing spacing)
    {
        // Squared distance is separable: after the pass along one axis each voxel holds the squared distance to the
        // nearest feature in its line; the next pass minimises over the previous result plus the new axis term.
        var longest = Math.Max(shape.Y, Math.Max(shape.X, shape.Z));
        var line = new double[longest];
        var result = new double[longest];
        var envelope = new int[longest];
        var bounds = new double[longest + 1];
        var (ny, nx, nz) = (shape.Y, shape.X, shape.Z);

        // Z: contiguous lines.
        for (var start = 0; start < grid.Length; start += nz)
        {
            Pass(grid, start, 1, nz, spacing.Z * spacing.Z, line, result, envelope, bounds);
        }

        // X: stride Z inside each row.
        for (var y = 0; y < ny; y++)
        {
            for (var z = 0; z < nz; z++)
            {
                Pass(grid, (y * nx * nz) + z, nz, nx, spacing.X * spacing.X, line, result, envelope, bounds);
            }
        }

        // Y: stride X·Z.
        for (var x = 0; x < nx; x++)
        {
            for (var z = 0; z < nz; z++)
            {
                Pass(grid, (x * nz) + z, nx * nz, ny, spacing.Y * spacing.Y, line, result, envelope, bounds);
            }
        }
    }

    private static void Pass(double[] grid, int start, int stride, int n, double weight, double[] line, double[] result,
        int[] envelope, double[] bounds)
    {
        for (var i = 0; i < n; i++)
        {
            line[i] = grid[start + (i * stride)];
        }

        LowerEnvelope(line.AsSpan(0, n), result.AsSpan(0, n), weight, envelope, bounds);
        for (var i = 0; i < n; i++)
        {
            grid[start + (i * stride)] = result[i];
        }
    }

    /// <summary>
    /// d(p) = min_q f(q) + weight·(p − q)² for one line. Points with f = +∞ never enter the envelope, so a line with
    /// no finite value stays +∞.
    /// </summary>
    internal static void LowerEnvelope(ReadOnlySpan<double> f, Span<double> d, double weight, int[] envelope, double[] bounds)
    {
        var n = f.Length;
        var k = -1;
        for (var q = 0; q < n; q++)
        {
            if (double.IsPositiveInfinity(f[q]))
            {
                continue;
            }

            if (k < 0)
            {
                k = 0;
                envelope[0] = q;
                bounds[0] = double.NegativeInfinity;
                bounds[1] = double.PositiveInfinity;
                continue;
            }

            var s = Intersection(f, weight, envelope[k], q);
            while (s <= bounds[k])
            {
                // bounds[0] is −∞, so this never pops the last parabola.
                k--;
                s = Intersection(f, weight, envelope[k], q);
            }

            k++;
            envelope[k] = q;
            bounds[k] = s;
            bounds[k + 1] = double.PositiveInfinity;
        }

        if (k < 0)
        {
            d.Fill(double.PositiveInfinity);
            return;
        }

        k = 0;
        for (var p = 0; p < n; p++)
        {
            while (bounds[k + 1] < p)
            {
                k++;
            }

            var delta = p - envelope[k];
            d[p] = (weight * delta * delta) + f[envelope[k]];
        }
    }

    private static double Intersection(ReadOnlySpan<double> f, double weight, int r, int q) =>
        ((f[q] + (weight * q * q)) - (f[r] + (weight * r * r))) / (2.0 * weight * (q - r));

    private static void CheckLength(int length, VolumeShape shape)
    {
        if (length != shape.VoxelCount)
        {
            throw new ArgumentException($"Mask has {length} values but shape {shape} has {shape.VoxelCount}.");
        }
    }
}
