namespace VmatTracker.Engine.Metrics;

/// <summary>
/// Dose-volume values of one dose inside one structure (reference-spec 4.3). Dx uses numpy's 'lower' percentile:
/// sorted[floor((n - 1)·(100 - x)/100)]; Vx is the % of voxels with dose &gt;= x Gy.
/// </summary>
public sealed record DvhValues
{
    /// <summary>Gy levels of the Vx values reported for every structure.</summary>
    public static IReadOnlyList<int> VolumeLevelsGy { get; } = [70, 60, 50, 45, 40];

    /// <summary>Percent levels of the Dx values.</summary>
    public static IReadOnlyList<int> DoseLevelsPct { get; } = [98, 95, 50, 5, 2];

    /// <summary>Mean dose in Gy.</summary>
    public required double Mean { get; init; }

    /// <summary>Largest voxel dose in Gy.</summary>
    public required double Max { get; init; }

    /// <summary>Smallest voxel dose in Gy.</summary>
    public required double Min { get; init; }

    /// <summary>D98, D95, D50, D5, D2 in Gy, keyed "D98" ...</summary>
    public required IReadOnlyDictionary<string, double> Dx { get; init; }

    /// <summary>V70, V60, V50, V45, V40 in %, keyed "V70" ...</summary>
    public required IReadOnlyDictionary<string, double> Vx { get; init; }

    /// <summary>Absolute volume at or above 45 Gy, in cc (a bowel goal).</summary>
    public required double V45Cc { get; init; }

    /// <summary>For a target: % of voxels at or above its own prescription.</summary>
    public double? V100 { get; init; }

    /// <summary>For a target: % of voxels at or above 95 % of its own prescription.</summary>
    public double? V95 { get; init; }

    /// <summary>Computes the values from the voxel doses (Gy) of one structure; needs at least one voxel.</summary>
    public static DvhValues Compute(double[] dosesGy, double voxelCc, double? prescriptionGy)
    {
        ArgumentNullException.ThrowIfNull(dosesGy);
        ArgumentOutOfRangeException.ThrowIfZero(dosesGy.Length);
        var sorted = (double[])dosesGy.Clone();
        Array.Sort(sorted);
        var n = sorted.Length;
        var dx = DoseLevelsPct.ToDictionary(k => $"D{k}", k => LowerPercentile(sorted, 100 - k), StringComparer.Ordinal);
        var vx = VolumeLevelsGy.ToDictionary(v => $"V{v}", v => PercentAtOrAbove(sorted, v), StringComparer.Ordinal);
        return new DvhValues
        {
            Mean = sorted.Average(),
            Max = sorted[^1],
            Min = sorted[0],
            Dx = dx,
            Vx = vx,
            V45Cc = CountAtOrAbove(sorted, 45) * voxelCc,
            V100 = prescriptionGy is { } rx ? PercentAtOrAbove(sorted, rx) : null,
            V95 = prescriptionGy is { } rx95 ? PercentAtOrAbove(sorted, 0.95 * rx95) : null,
        };
    }

    /// <summary>numpy's percentile(x, q, method='lower') of ascending <paramref name="sorted"/>.</summary>
    public static double LowerPercentile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);

        // numpy: floor((n - 1) * (q / 100)), in that order, so the index rounds exactly as numpy's does.
        var index = (int)Math.Floor((sorted.Length - 1) * (q / 100));
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    /// <summary>numpy's default (linear) percentile of ascending <paramref name="sorted"/>.</summary>
    public static double LinearPercentile(double[] sorted, double q)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        var position = (sorted.Length - 1) * (q / 100);
        var below = (int)Math.Floor(position);
        if (below >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = position - below;
        return sorted[below] + ((sorted[below + 1] - sorted[below]) * fraction);
    }

    /// <summary>The value of metric <paramref name="metric"/> (Dmax, Dmean, Dmin, D95, V70, V100, V95, V45cc ...), or null.</summary>
    public double? Metric(string metric) => metric switch
    {
        "Dmax" => Max,
        "Dmean" or "Mean" => Mean,
        "Dmin" => Min,
        "V100" => V100,
        "V95" => V95,
        "V45cc" => V45Cc,
        _ when Dx.TryGetValue(metric, out var d) => d,
        _ when Vx.TryGetValue(metric, out var v) => v,
        _ => null,
    };

    private static int CountAtOrAbove(double[] sorted, double level)
    {
        var first = Array.BinarySearch(sorted, level);
        if (first < 0)
        {
            return sorted.Length - ~first;
        }

        // BinarySearch finds any equal element; step back to the first one.
        while (first > 0 && sorted[first - 1] >= level)
        {
            first--;
        }

        return sorted.Length - first;
    }

    private static double PercentAtOrAbove(double[] sorted, double level) => 100.0 * CountAtOrAbove(sorted, level) / sorted.Length;
}
