using System.Collections.Concurrent;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Metrics;

/// <summary>
/// 3D gamma index with the semantics of pymedphys' <c>gamma_shell</c> (docs/gamma.md, dose-science 1.2 and 1.2b):
/// reference = ground truth on its grid, evaluated = prediction interpolated trilinearly; the same distances and shell
/// points are visited, so pass rates agree with pymedphys up to floating-point rounding. Both volumes share one grid.
/// </summary>
public static class GammaIndex
{
    /// <summary>
    /// Compares <paramref name="evaluated"/> against <paramref name="reference"/> (same shape, C order, any dose
    /// unit as long as both and <see cref="GammaOptions.GlobalNormalisation"/> agree).
    /// </summary>
    /// <exception cref="ArgumentException">The lengths do not match the shape, or the evaluated dose is not finite.</exception>
    public static GammaResult Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> evaluated, VolumeShape shape,
        VoxelSpacing spacing, GammaOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (reference.Length != shape.VoxelCount || evaluated.Length != shape.VoxelCount)
        {
            throw new ArgumentException(
                $"reference has {reference.Length} values and evaluated {evaluated.Length}; shape {shape} needs {shape.VoxelCount}");
        }

        var k = options.Subsample;
        var size = new[] { Decimated(shape.Y, k), Decimated(shape.X, k), Decimated(shape.Z, k) };
        var grid = new VolumeShape(size[0], size[1], size[2]);
        var mm = new[] { spacing.Y * k, spacing.X * k, spacing.Z * k };
        var r = Decimate(reference, shape, grid, k);
        var e = Decimate(evaluated, shape, grid, k);
        if (!Array.TrueForAll(e, double.IsFinite))
        {
            throw new ArgumentException("the evaluated dose holds NaN or infinite values; sanitise it first", nameof(evaluated));
        }

        var normalisation = options.GlobalNormalisation ?? MaxOf(r);
        var cutoff = options.LowerCutoffPercent / 100 * normalisation;
        var gamma = new double[r.Length];
        Array.Fill(gamma, double.NaN);
        var candidates = new List<int>();
        for (var i = 0; i < r.Length; i++)
        {
            // NaN reference doses fail the comparison and are excluded, as in pymedphys.
            if (r[i] >= cutoff)
            {
                candidates.Add(i);
            }
        }

        if (candidates.Count > 0 && normalisation > 0)
        {
            var search = new GammaSearch(r, e, size, mm, options, normalisation);
            var parallel = new ParallelOptions { CancellationToken = cancellationToken };
            Parallel.ForEach(Partitioner.Create(0, candidates.Count, 64), parallel, range =>
            {
                for (var c = range.Item1; c < range.Item2; c++)
                {
                    var index = candidates[c];
                    var g = search.PointGamma(index);

                    // Never reached by a finite evaluated dose: excluded, not failed. Above max_gamma: clipped.
                    gamma[index] = double.IsPositiveInfinity(g) ? double.NaN : Math.Min(g, options.MaxGamma);
                }
            });
        }

        return Summarise(gamma, grid, new VoxelSpacing(mm[0], mm[1], mm[2]), normalisation);
    }

    /// <summary>Pass rates and statistics over the finite values of a gamma map.</summary>
    public static GammaResult Summarise(double[] gamma, VolumeShape shape, VoxelSpacing spacing, double normalisation)
    {
        ArgumentNullException.ThrowIfNull(gamma);
        var finite = gamma.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return new GammaResult { Gamma = gamma, Shape = shape, Spacing = spacing, Normalisation = normalisation, EvaluatedPoints = 0 };
        }

        Array.Sort(finite);
        var n = finite.Length;
        var median = n % 2 == 1 ? finite[n / 2] : (finite[(n / 2) - 1] + finite[n / 2]) / 2;
        return new GammaResult
        {
            Gamma = gamma,
            Shape = shape,
            Spacing = spacing,
            Normalisation = normalisation,
            EvaluatedPoints = n,
            PassRate = 100.0 * finite.Count(g => g <= 1) / n,
            PassRateStrict = 100.0 * finite.Count(g => g < 1) / n,
            Mean = finite.Average(),
            Median = median,
            Max = finite[^1],
        };
    }

    /// <summary>Length of an axis of <paramref name="length"/> after [::k].</summary>
    public static int Decimated(int length, int k) => ((length - 1) / k) + 1;

    /// <summary>Plain decimation [::k] on every axis, as the reference evaluation does (no averaging).</summary>
    public static double[] Decimate(ReadOnlySpan<double> values, VolumeShape shape, VolumeShape grid, int k)
    {
        var result = new double[grid.VoxelCount];
        var n = 0;
        for (var y = 0; y < grid.Y; y++)
        {
            for (var x = 0; x < grid.X; x++)
            {
                for (var z = 0; z < grid.Z; z++)
                {
                    result[n++] = values[shape.IndexOf(y * k, x * k, z * k)];
                }
            }
        }

        return result;
    }

    private static double MaxOf(double[] values)
    {
        // numpy's max propagates NaN; a reference with NaN would give no normalisation, so NaN is skipped here.
        var max = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (v > max)
            {
                max = v;
            }
        }

        return max;
    }
}
