namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Training augmentations on a patch (reference-spec 2.3), with the reference's probabilities:
/// a left-right flip (p 0.5) that mirrors the X axis (array axis 1) and swaps the Femur_L and Femur_R channels, which
/// is what the reference meant but did not do (it flipped axis 0, anterior-posterior; reference-spec 7.6);
/// an integer translation up to ±16 voxels per axis with edge replication (p 0.5); optionally a rotation of
/// ±5° about Z with bilinear sampling and edge replication (p 0.5), and CT noise N(0, 0.02) clipped to [0, 1.26] (p 0.3).
/// </summary>
public sealed class PatchAugmentation
{
    private readonly SeededRandom _random;
    private readonly (int Left, int Right)? _femurs;

    /// <summary>Creates the augmenter.</summary>
    /// <param name="seed">Seed of its random draws.</param>
    /// <param name="femurChannels">Structure channels of Femur_L and Femur_R (swapped by the flip), if the site has them.</param>
    /// <param name="rotateAndNoise">Also rotate about Z and add CT noise (the reference's later additions).</param>
    /// <param name="maxShift">Largest translation in voxels. Defaults to 16.</param>
    public PatchAugmentation(ulong seed, (int Left, int Right)? femurChannels, bool rotateAndNoise = true, int maxShift = 16)
    {
        _random = new SeededRandom(seed);
        _femurs = femurChannels;
        RotateAndNoise = rotateAndNoise;
        MaxShift = maxShift;
    }

    /// <summary>Whether rotation and CT noise are on.</summary>
    public bool RotateAndNoise { get; }

    /// <summary>Largest translation in voxels.</summary>
    public int MaxShift { get; }

    /// <summary>Augments <paramref name="patch"/> in place (its arrays are the patch's own copies).</summary>
    public void Apply(TrainingPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        if (_random.NextDouble() < 0.5)
        {
            FlipLeftRight(patch, _femurs);
        }

        if (_random.NextDouble() < 0.5)
        {
            var shift = (Y: Shift(), X: Shift(), Z: Shift());
            ForEachVolume(patch, (data, offset) => Translate(data, offset, patch.Shape, shift));
        }

        if (!RotateAndNoise)
        {
            return;
        }

        if (_random.NextDouble() < 0.5)
        {
            var radians = (_random.NextDouble() * 10.0 - 5.0) * Math.PI / 180.0;
            ForEachVolume(patch, (data, offset) => RotateAboutZ(data, offset, patch.Shape, radians));
        }

        if (_random.NextDouble() < 0.3)
        {
            for (var i = 0; i < patch.Shape.VoxelCount; i++)
            {
                patch.Condition[i] = Math.Clamp(patch.Condition[i] + (float)(0.02 * _random.NextNormal()), 0f, 1.26f);
            }
        }
    }

    /// <summary>Mirrors axis 1 (X, patient left-right) of every volume and swaps the femur channels.</summary>
    public static void FlipLeftRight(TrainingPatch patch, (int Left, int Right)? femurs)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var shape = patch.Shape;
        ForEachVolume(patch, (data, offset) =>
        {
            for (var y = 0; y < shape.Y; y++)
            {
                for (var x = 0; x < shape.X / 2; x++)
                {
                    var a = offset + shape.IndexOf(y, x, 0);
                    var b = offset + shape.IndexOf(y, shape.X - 1 - x, 0);
                    for (var z = 0; z < shape.Z; z++)
                    {
                        (data[a + z], data[b + z]) = (data[b + z], data[a + z]);
                    }
                }
            }
        });

        if (femurs is var (left, right))
        {
            var n = shape.VoxelCount;
            var l = patch.Condition.AsSpan((1 + left) * n, n);
            var r = patch.Condition.AsSpan((1 + right) * n, n);
            var buffer = l.ToArray();
            r.CopyTo(l);
            buffer.CopyTo(r);
            (patch.Present[left], patch.Present[right]) = (patch.Present[right], patch.Present[left]);
        }
    }

    /// <summary>Moves the content by <paramref name="shift"/> voxels; voxels shifted in repeat the edge.</summary>
    public static void Translate(float[] data, int offset, VolumeShape shape, (int Y, int X, int Z) shift)
    {
        ArgumentNullException.ThrowIfNull(data);
        var source = data.AsSpan(offset, shape.VoxelCount).ToArray();
        for (var y = 0; y < shape.Y; y++)
        {
            var sy = Math.Clamp(y - shift.Y, 0, shape.Y - 1);
            for (var x = 0; x < shape.X; x++)
            {
                var sx = Math.Clamp(x - shift.X, 0, shape.X - 1);
                var row = offset + shape.IndexOf(y, x, 0);
                var sourceRow = shape.IndexOf(sy, sx, 0);
                for (var z = 0; z < shape.Z; z++)
                {
                    data[row + z] = source[sourceRow + Math.Clamp(z - shift.Z, 0, shape.Z - 1)];
                }
            }
        }
    }

    /// <summary>Rotates each axial plane by <paramref name="radians"/> about its centre (bilinear, edge replication).</summary>
    public static void RotateAboutZ(float[] data, int offset, VolumeShape shape, double radians)
    {
        ArgumentNullException.ThrowIfNull(data);
        var source = data.AsSpan(offset, shape.VoxelCount).ToArray();
        var (cos, sin) = (Math.Cos(radians), Math.Sin(radians));
        var (cy, cx) = ((shape.Y - 1) / 2.0, (shape.X - 1) / 2.0);
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                // Inverse mapping: where in the source does this output voxel come from.
                var sy = Math.Clamp(cy + ((y - cy) * cos) - ((x - cx) * sin), 0, shape.Y - 1);
                var sx = Math.Clamp(cx + ((y - cy) * sin) + ((x - cx) * cos), 0, shape.X - 1);
                var (y0, x0) = ((int)sy, (int)sx);
                var (y1, x1) = (Math.Min(y0 + 1, shape.Y - 1), Math.Min(x0 + 1, shape.X - 1));
                var (fy, fx) = ((float)(sy - y0), (float)(sx - x0));
                var row = offset + shape.IndexOf(y, x, 0);
                for (var z = 0; z < shape.Z; z++)
                {
                    var top = (source[shape.IndexOf(y0, x0, z)] * (1 - fx)) + (source[shape.IndexOf(y0, x1, z)] * fx);
                    var bottom = (source[shape.IndexOf(y1, x0, z)] * (1 - fx)) + (source[shape.IndexOf(y1, x1, z)] * fx);
                    data[row + z] = (top * (1 - fy)) + (bottom * fy);
                }
            }
        }
    }

    private int Shift() => (int)Math.Floor(_random.NextDouble() * ((2 * MaxShift) + 1)) - MaxShift;

    private static void ForEachVolume(TrainingPatch patch, Action<float[], int> apply)
    {
        var n = patch.Shape.VoxelCount;
        for (var c = 0; c < 1 + patch.ChannelCount; c++)
        {
            apply(patch.Condition, c * n);
        }

        apply(patch.Dose, 0);
    }
}
