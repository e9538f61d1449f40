using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Geometry;

namespace VmatTracker.Engine.OpenKbp;

/// <summary>
/// The contract's normalised SDF (<see cref="SignedDistance.ComputeNormalized"/>) computed on the structure's bounding
/// box grown by the clip distance plus one voxel, +1 elsewhere. After the ±50 mm clip this equals the whole-volume
/// transform: a voxel outside the box is more than 50 mm from every structure voxel, and any voxel nearer than 50 mm
/// to a voxel of the box (inside or outside the structure) lies in the box. Head-and-neck structures fill a small part
/// of the 128³ grid, so this saves most of the import's work.
/// </summary>
internal static class CroppedSignedDistance
{
    /// <summary>Writes the normalised SDF of <paramref name="mask"/> into <paramref name="destination"/>.</summary>
    public static void ComputeNormalizedInto(ReadOnlySpan<byte> mask, VolumeShape shape, VoxelSpacing spacing, Span<float> destination)
    {
        int[] low = [int.MaxValue, int.MaxValue, int.MaxValue];
        int[] high = [-1, -1, -1];
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                int[] at = [i / (shape.X * shape.Z), i / shape.Z % shape.X, i % shape.Z];
                for (var axis = 0; axis < 3; axis++)
                {
                    low[axis] = Math.Min(low[axis], at[axis]);
                    high[axis] = Math.Max(high[axis], at[axis]);
                }
            }
        }

        destination.Fill(1f);
        if (high[0] < 0)
        {
            return; // absent: +1 everywhere, the contract's rule
        }

        var size = shape.ToArray();
        var step = spacing.ToArray();
        for (var axis = 0; axis < 3; axis++)
        {
            var margin = (int)Math.Ceiling(SignedDistance.ClipMm / step[axis]) + 1;
            low[axis] = Math.Max(0, low[axis] - margin);
            high[axis] = Math.Min(size[axis] - 1, high[axis] + margin);
        }

        var box = new VolumeShape(high[0] - low[0] + 1, high[1] - low[1] + 1, high[2] - low[2] + 1);
        var cropped = new byte[box.VoxelCount];
        for (var y = 0; y < box.Y; y++)
        {
            for (var x = 0; x < box.X; x++)
            {
                mask.Slice(shape.IndexOf(y + low[0], x + low[1], low[2]), box.Z).CopyTo(cropped.AsSpan(box.IndexOf(y, x, 0), box.Z));
            }
        }

        var sdf = SignedDistance.ComputeNormalized(cropped, box, spacing);
        for (var y = 0; y < box.Y; y++)
        {
            for (var x = 0; x < box.X; x++)
            {
                sdf.AsSpan(box.IndexOf(y, x, 0), box.Z).CopyTo(destination.Slice(shape.IndexOf(y + low[0], x + low[1], low[2]), box.Z));
            }
        }
    }
}
