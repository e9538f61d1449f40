using VmatTracker.Engine;
using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>
/// The patch sampler as it was before patches could be cut from the case cache, kept as the oracle the new paths must
/// match bit for bit: it scans the whole dose for high-dose centres on every sample and copies voxel by voxel from the
/// in-RAM arrays. Deliberately plain; do not optimise it.
/// </summary>
internal sealed class ReferencePatchSampler(VolumeShape patch, ulong seed)
{
    private readonly SeededRandom _random = new(seed);

    public (int Y, int X, int Z) LastCentre { get; private set; }

    public TrainingPatch Sample(CaseVolume volume)
    {
        LastCentre = _random.NextDouble() < 0.5 ? HighDoseCentre(volume) ?? UniformCentre(volume.Shape) : UniformCentre(volume.Shape);
        return Extract(volume, LastCentre, patch);
    }

    public static TrainingPatch Extract(CaseVolume volume, (int Y, int X, int Z) centre, VolumeShape shape)
    {
        var start = (Y: centre.Y - (shape.Y / 2), X: centre.X - (shape.X / 2), Z: centre.Z - (shape.Z / 2));
        var n = shape.VoxelCount;
        var condition = new float[(1 + volume.ChannelCount) * n];
        var dose = new float[n];
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    var (sy, sx, sz) = (start.Y + y, start.X + x, start.Z + z);
                    var inside = sy >= 0 && sy < volume.Shape.Y && sx >= 0 && sx < volume.Shape.X && sz >= 0 && sz < volume.Shape.Z;
                    var from = inside ? volume.Shape.IndexOf(sy, sx, sz) : -1;
                    var to = shape.IndexOf(y, x, z);
                    condition[to] = inside ? volume.Ct[from] : PatchSampler.AirCt;
                    dose[to] = inside ? volume.Dose[from] : 0f;
                    for (var c = 0; c < volume.ChannelCount; c++)
                    {
                        condition[((1 + c) * n) + to] = inside ? volume.Sdf[(c * volume.Shape.VoxelCount) + from] : 1f;
                    }
                }
            }
        }

        return new TrainingPatch
        {
            CaseId = volume.CaseId,
            Shape = shape,
            Condition = condition,
            Dose = dose,
            Constraints = (float[])volume.Constraints.Clone(),
            Present = [.. Enumerable.Range(0, volume.ChannelCount).Select(c => volume.Masks.AsSpan(c * volume.Shape.VoxelCount, volume.Shape.VoxelCount).Contains((byte)1))],
        };
    }

    private (int, int, int) UniformCentre(VolumeShape shape) =>
        (Draw(PatchSampler.CentreRange(shape.Y, patch.Y)), Draw(PatchSampler.CentreRange(shape.X, patch.X)), Draw(PatchSampler.CentreRange(shape.Z, patch.Z)));

    private (int, int, int)? HighDoseCentre(CaseVolume volume)
    {
        var candidates = new List<(int, int, int)>();
        var (ys, xs, zs) = (PatchSampler.CentreRange(volume.Shape.Y, patch.Y), PatchSampler.CentreRange(volume.Shape.X, patch.X),
            PatchSampler.CentreRange(volume.Shape.Z, patch.Z));
        for (var y = ys.Low; y < Math.Min(ys.High, volume.Shape.Y); y++)
        {
            for (var x = xs.Low; x < Math.Min(xs.High, volume.Shape.X); x++)
            {
                for (var z = zs.Low; z < Math.Min(zs.High, volume.Shape.Z); z++)
                {
                    if (volume.Dose[volume.Shape.IndexOf(y, x, z)] > PatchSampler.HighDoseThreshold)
                    {
                        candidates.Add((y, x, z));
                    }
                }
            }
        }

        return candidates.Count == 0 ? null : candidates[Draw((0, candidates.Count))];
    }

    private int Draw((int Low, int High) range) => range.Low + (int)(_random.NextDouble() * (range.High - range.Low));
}
