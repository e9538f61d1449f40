using System.Collections.Concurrent;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Metrics;

/// <summary>
/// The gamma index of chosen points only (for example one plane of a volume, for a viewer), with the same 3D search
/// as <see cref="GammaIndex.Compute"/>: each point searches the whole evaluated volume around it, so a plane's values
/// equal the full map's values at those points. No subsampling.
/// </summary>
public static class GammaPoints
{
    /// <summary>
    /// Gamma at each flat index of <paramref name="indices"/> (C order over <paramref name="shape"/>): NaN where the
    /// reference dose is below the cutoff or no finite evaluated dose was reached, clipped to
    /// <see cref="GammaOptions.MaxGamma"/> above it. The normalisation is the whole reference's maximum unless the
    /// options give one, so a plane is judged as the whole volume would judge it.
    /// </summary>
    /// <exception cref="ArgumentException">Lengths do not match the shape, an index is outside it, the evaluated dose
    /// is not finite, or the options ask for subsampling.</exception>
    public static double[] Compute(double[] reference, double[] evaluated, VolumeShape shape, VoxelSpacing spacing,
        GammaOptions options, IReadOnlyList<int> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(evaluated);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(indices);
        options.Validate();
        if (options.Subsample != 1)
        {
            throw new ArgumentException("point gamma works on the full grid; Subsample must be 1", nameof(options));
        }

        if (reference.Length != shape.VoxelCount || evaluated.Length != shape.VoxelCount)
        {
            throw new ArgumentException(
                $"reference has {reference.Length} values and evaluated {evaluated.Length}; shape {shape} needs {shape.VoxelCount}");
        }

        if (!Array.TrueForAll(evaluated, double.IsFinite))
        {
            throw new ArgumentException("the evaluated dose holds NaN or infinite values; sanitise it first", nameof(evaluated));
        }

        foreach (var index in indices)
        {
            if ((uint)index >= (uint)reference.Length)
            {
                throw new ArgumentException($"point index {index} is outside the volume of {reference.Length} voxels", nameof(indices));
            }
        }

        var normalisation = options.GlobalNormalisation ?? reference.Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Max();
        var cutoff = options.LowerCutoffPercent / 100 * normalisation;
        var gamma = new double[indices.Count];
        Array.Fill(gamma, double.NaN);
        if (!(normalisation > 0))
        {
            return gamma;
        }

        var search = new GammaSearch(reference, evaluated, shape.ToArray(), spacing.ToArray(), options, normalisation);
        var parallel = new ParallelOptions { CancellationToken = cancellationToken };
        Parallel.ForEach(Partitioner.Create(0, indices.Count, 64), parallel, range =>
        {
            for (var n = range.Item1; n < range.Item2; n++)
            {
                var index = indices[n];
                if (!(reference[index] >= cutoff))
                {
                    continue;
                }

                var g = search.PointGamma(index);
                gamma[n] = double.IsPositiveInfinity(g) ? double.NaN : Math.Min(g, options.MaxGamma);
            }
        });
        return gamma;
    }
}
