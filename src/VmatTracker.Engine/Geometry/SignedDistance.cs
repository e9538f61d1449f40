using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Engine.Geometry;

/// <summary>
/// Signed distance fields of binary masks as the data contract defines them (reference-spec 1.4): mm between voxel
/// centres, negative inside, positive outside, so no voxel is 0 and a boundary voxel inside gets −(neighbour spacing).
/// </summary>
public static class SignedDistance
{
    /// <summary>The contract's clip distance in mm (DEFAULT_SDF_CLIP_MM).</summary>
    public const double ClipMm = 50.0;

    /// <summary>
    /// SDF in mm: distance to the nearest inside voxel for outside voxels, minus the distance to the nearest outside
    /// voxel for inside voxels. An empty mask is +∞ everywhere and a full mask −∞ everywhere (no surface to measure).
    /// </summary>
    public static double[] Compute(ReadOnlySpan<byte> mask, VolumeShape shape, VoxelSpacing spacing)
    {
        var toInside = DistanceTransform.SquaredFromMask(mask, shape, spacing, toInside: true);
        var toOutside = DistanceTransform.SquaredFromMask(mask, shape, spacing, toInside: false);
        var sdf = new double[toInside.Length];
        for (var i = 0; i < sdf.Length; i++)
        {
            sdf[i] = mask[i] != 0 ? -Math.Sqrt(toOutside[i]) : Math.Sqrt(toInside[i]);
        }

        return sdf;
    }

    /// <summary>The contract normalisation clip(mm, −50, 50) / 50; ±∞ maps to ±1.</summary>
    public static float Normalize(double mm) => (float)(Math.Clamp(mm, -ClipMm, ClipMm) / ClipMm);

    /// <summary>
    /// The normalised SDF of <paramref name="mask"/>, in [−1, 1]. An empty (absent) structure gives +1.0 everywhere,
    /// the v2.2/v2.3 contract rule.
    /// </summary>
    public static float[] ComputeNormalized(ReadOnlySpan<byte> mask, VolumeShape shape, VoxelSpacing spacing)
    {
        var mm = Compute(mask, shape, spacing);
        var normalized = new float[mm.Length];
        for (var i = 0; i < mm.Length; i++)
        {
            normalized[i] = Normalize(mm[i]);
        }

        return normalized;
    }
}
