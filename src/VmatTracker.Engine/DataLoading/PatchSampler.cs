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

    /// <summary>A random patch of <paramref name="voxels"/>: the same patch for the same seed whether the case is a
    /// <see cref="CaseVolume"/> in RAM or a <see cref="MappedCase"/> read row by row from the case cache.</summary>
    public TrainingPatch Sample(ICaseVoxels voxels)
    {
        ArgumentNullException.ThrowIfNull(voxels);

        // The draw order is the reference's: the coin, then either one draw among the high-dose voxels (when there are
        // any) or three uniform draws. Changing it would change every seeded run's patches.
        var centre = _random.NextDouble() < 0.5 ? HighDoseCentre(voxels) ?? UniformCentre(voxels.Shape) : UniformCentre(voxels.Shape);
        return Extract(voxels, centre, _patch);
    }

    /// <summary>The patch of <paramref name="shape"/> centred on <paramref name="centre"/> (start = centre − P/2).</summary>
    public static TrainingPatch Extract(ICaseVoxels voxels, (int Y, int X, int Z) centre, VolumeShape shape)
    {
        ArgumentNullException.ThrowIfNull(voxels);
        var start = (Y: centre.Y - (shape.Y / 2), X: centre.X - (shape.X / 2), Z: centre.Z - (shape.Z / 2));
        var channels = voxels.ChannelCount;
        var n = shape.VoxelCount;
        var condition = new float[(1 + channels) * n];
        var dose = new float[n];
        Copy(voxels, CaseArray.Ct, 0, condition.AsSpan(0, n), shape, start, AirCt);
        Copy(voxels, CaseArray.Dose, 0, dose, shape, start, 0f);
        for (var c = 0; c < channels; c++)
        {
            Copy(voxels, CaseArray.Sdf, c, condition.AsSpan((1 + c) * n, n), shape, start, 1f);
        }

        return new TrainingPatch
        {
            CaseId = voxels.CaseId,
            Shape = shape,
            Condition = condition,
            Dose = dose,
            Constraints = (float[])voxels.Constraints.Clone(),
            Present = [.. voxels.Sampling.Present],
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

    private (int, int, int)? HighDoseCentre(ICaseVoxels voxels)
    {
        // The candidates are counted once per case and patch shape (CaseSampling), not scanned on every sample.
        var candidates = voxels.Sampling.HighDose(_patch);
        return candidates.Count == 0 ? null : candidates.Find(Draw(0, candidates.Count));
    }

    private int Draw(int low, int high) => low + (int)(_random.NextDouble() * (high - low));

    // One volume of the patch, a Z row at a time: rows outside the volume, and the Z ends beyond it, get the fill value.
    private static void Copy(ICaseVoxels voxels, CaseArray array, int channel, Span<float> target, VolumeShape to,
        (int Y, int X, int Z) start, float fill)
    {
        var from = voxels.Shape;
        var (zLow, zHigh) = (Math.Max(start.Z, 0), Math.Min(start.Z + to.Z, from.Z));
        for (var y = 0; y < to.Y; y++)
        {
            var sy = start.Y + y;
            for (var x = 0; x < to.X; x++)
            {
                var sx = start.X + x;
                var row = target.Slice(to.IndexOf(y, x, 0), to.Z);
                if (sy < 0 || sy >= from.Y || sx < 0 || sx >= from.X || zLow >= zHigh)
                {
                    row.Fill(fill);
                    continue;
                }

                row[..(zLow - start.Z)].Fill(fill);
                voxels.CopyRow(array, channel, sy, sx, zLow, row.Slice(zLow - start.Z, zHigh - zLow));
                row[(zHigh - start.Z)..].Fill(fill);
            }
        }
    }
}
