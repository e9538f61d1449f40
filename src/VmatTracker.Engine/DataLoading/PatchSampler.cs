namespace VmatTracker.Engine.DataLoading;

/// <summary>
/// Cuts random training patches from a case as the reference does (reference-spec 2.3): centres uniform over the
/// valid range [P/2, dim − P/2), or, with probability 0.5, uniform among the voxels with dose above 0.1 (7 Gy) inside
/// that range. The range is clamped so a volume exactly one patch long still has its centre, and a volume shorter
/// than the patch is padded (CT with air, SDF with +1 "far", dose with 0), so small phantoms work.
/// </summary>
public sealed class PatchSampler
{
    /// <summary>Normalised CT of air (−1000 HU): the padding value for the CT channel.</summary>
    public const float AirCt = 0.25f;

    /// <summary>The dose above which a voxel counts as high dose for centre sampling (0.1 = 7 Gy).</summary>
    public const float HighDoseThreshold = 0.1f;

    private readonly VolumeShape _patch;
    private readonly SeededRandom _random;

    /// <summary>Creates a sampler of <paramref name="patch"/>-sized patches drawing from <paramref name="seed"/>.</summary>
    public PatchSampler(VolumeShape patch, ulong seed)
    {
        if (patch.Y < 1 || patch.X < 1 || patch.Z < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(patch), patch, "Patch sides must be positive.");
        }

        _patch = patch;
        _random = new SeededRandom(seed);
    }

    /// <summary>A random patch of <paramref name="volume"/>.</summary>
    public TrainingPatch Sample(CaseVolume volume)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var centre = _random.NextDouble() < 0.5 ? HighDoseCentre(volume) ?? UniformCentre(volume.Shape) : UniformCentre(volume.Shape);
        return Extract(volume, centre, _patch);
    }

    /// <summary>The patch of <paramref name="shape"/> centred on <paramref name="centre"/> (start = centre − P/2).</summary>
    public static TrainingPatch Extract(CaseVolume volume, (int Y, int X, int Z) centre, VolumeShape shape)
    {
        ArgumentNullException.ThrowIfNull(volume);
        var start = (Y: centre.Y - (shape.Y / 2), X: centre.X - (shape.X / 2), Z: centre.Z - (shape.Z / 2));
        var channels = volume.ChannelCount;
        var n = shape.VoxelCount;
        var condition = new float[(1 + channels) * n];
        var dose = new float[n];
        Copy(volume.Ct, 0, volume.Shape, condition, 0, shape, start, AirCt);
        Copy(volume.Dose, 0, volume.Shape, dose, 0, shape, start, 0f);
        for (var c = 0; c < channels; c++)
        {
            Copy(volume.Sdf, c * volume.Shape.VoxelCount, volume.Shape, condition, (1 + c) * n, shape, start, 1f);
        }

        var present = new bool[channels];
        for (var c = 0; c < channels; c++)
        {
            present[c] = volume.IsStructurePresent(c);
        }

        return new TrainingPatch
        {
            CaseId = volume.CaseId,
            Shape = shape,
            Condition = condition,
            Dose = dose,
            Constraints = (float[])volume.Constraints.Clone(),
            Present = present,
        };
    }

    /// <summary>
    /// The valid centre range on one axis, [low, high): [P/2, max(dim − P/2, P/2 + 1)) as the reference (so dim = P gives
    /// the one centre P/2); an axis shorter than the patch has the one centre that puts the volume in the patch's middle.
    /// </summary>
    public static (int Low, int High) CentreRange(int dim, int patch)
    {
        if (dim < patch)
        {
            var centre = (patch / 2) - ((patch - dim) / 2);
            return (centre, centre + 1);
        }

        return (patch / 2, Math.Max(dim - (patch / 2), (patch / 2) + 1));
    }

    private (int, int, int) UniformCentre(VolumeShape shape)
    {
        var (yl, yh) = CentreRange(shape.Y, _patch.Y);
        var (xl, xh) = CentreRange(shape.X, _patch.X);
        var (zl, zh) = CentreRange(shape.Z, _patch.Z);
        return (Draw(yl, yh), Draw(xl, xh), Draw(zl, zh));
    }

    private (int, int, int)? HighDoseCentre(CaseVolume volume)
    {
        var shape = volume.Shape;
        var (yl, yh) = CentreRange(shape.Y, _patch.Y);
        var (xl, xh) = CentreRange(shape.X, _patch.X);
        var (zl, zh) = CentreRange(shape.Z, _patch.Z);

        // Count first, then pick the k-th: no list of candidate voxels is allocated per sample.
        var count = 0;
        ForEachHighDose(volume, (yl, yh), (xl, xh), (zl, zh), (_, _, _) => count++);
        if (count == 0)
        {
            return null;
        }

        var pick = Draw(0, count);
        (int, int, int)? chosen = null;
        var seen = 0;
        ForEachHighDose(volume, (yl, yh), (xl, xh), (zl, zh), (y, x, z) =>
        {
            if (seen++ == pick)
            {
                chosen = (y, x, z);
            }
        });
        return chosen;
    }

    private static void ForEachHighDose(CaseVolume volume, (int Low, int High) ys, (int Low, int High) xs,
        (int Low, int High) zs, Action<int, int, int> visit)
    {
        var shape = volume.Shape;
        for (var y = ys.Low; y < Math.Min(ys.High, shape.Y); y++)
        {
            for (var x = xs.Low; x < Math.Min(xs.High, shape.X); x++)
            {
                var row = shape.IndexOf(y, x, 0);
                for (var z = zs.Low; z < Math.Min(zs.High, shape.Z); z++)
                {
                    if (volume.Dose[row + z] > HighDoseThreshold)
                    {
                        visit(y, x, z);
                    }
                }
            }
        }
    }

    private int Draw(int low, int high) => low + (int)(_random.NextDouble() * (high - low));

    private static void Copy(float[] source, int sourceOffset, VolumeShape from, float[] target, int targetOffset,
        VolumeShape to, (int Y, int X, int Z) start, float fill)
    {
        for (var y = 0; y < to.Y; y++)
        {
            var sy = start.Y + y;
            for (var x = 0; x < to.X; x++)
            {
                var sx = start.X + x;
                var targetRow = targetOffset + to.IndexOf(y, x, 0);
                if (sy < 0 || sy >= from.Y || sx < 0 || sx >= from.X)
                {
                    target.AsSpan(targetRow, to.Z).Fill(fill);
                    continue;
                }

                var sourceRow = sourceOffset + from.IndexOf(sy, sx, 0);
                for (var z = 0; z < to.Z; z++)
                {
                    var sz = start.Z + z;
                    target[targetRow + z] = sz >= 0 && sz < from.Z ? source[sourceRow + sz] : fill;
                }
            }
        }
    }
}
