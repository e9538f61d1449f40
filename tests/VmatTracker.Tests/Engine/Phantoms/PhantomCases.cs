using System.Collections.Concurrent;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.Phantoms;

/// <summary>Generated cases shared between tests: generating is the slow part, and each case is deterministic.</summary>
internal static class PhantomCases
{
    private static readonly ConcurrentDictionary<(VolumeShape, VoxelSpacing, ulong, int), Lazy<CaseVolume>> s_cache = new();

    public static PhantomOptions Small { get; } = new() { Shape = new VolumeShape(32, 32, 32), Spacing = new VoxelSpacing(8, 8, 8) };

    public static PhantomOptions Full { get; } = new();

    public static CaseVolume Get(PhantomOptions options, ulong seed) =>
        s_cache.GetOrAdd((options.Shape, options.Spacing, seed, options.ChannelCount),
            _ => new Lazy<CaseVolume>(() => PhantomGenerator.Generate($"seed_{seed}", seed, options))).Value;

    /// <summary>Dose in Gy of the voxels of <paramref name="channel"/>, ascending.</summary>
    public static double[] DoseGyInside(CaseVolume volume, int channel)
    {
        var mask = volume.MaskChannel(channel);
        var values = new List<double>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] != 0)
            {
                values.Add(volume.Dose[i] * 70.0);
            }
        }

        values.Sort();
        return [.. values];
    }

    /// <summary>numpy.percentile(x, q, method='lower') of ascending values.</summary>
    public static double Lower(double[] sorted, double q) => DvhValues.LowerPercentile(sorted, q);

    /// <summary>Mean (y, x, z) voxel index of a channel's mask.</summary>
    public static (double Y, double X, double Z) Centroid(CaseVolume volume, int channel)
    {
        var mask = volume.MaskChannel(channel);
        var shape = volume.Shape;
        double sy = 0, sx = 0, sz = 0;
        var count = 0;
        for (var y = 0; y < shape.Y; y++)
        {
            for (var x = 0; x < shape.X; x++)
            {
                for (var z = 0; z < shape.Z; z++)
                {
                    if (mask[shape.IndexOf(y, x, z)] != 0)
                    {
                        (sy, sx, sz, count) = (sy + y, sx + x, sz + z, count + 1);
                    }
                }
            }
        }

        return (sy / count, sx / count, sz / count);
    }
}
