namespace VmatTracker.Engine.Metrics;

/// <summary>
/// DVH comparison of one structure: values of the prediction and of the truth, their errors (prediction minus
/// truth, rounded to 4 decimals; negative D95 means underdose), and the cumulative curves for plotting.
/// </summary>
public sealed record StructureDvh
{
    /// <summary>Minimum voxel count for a DVH the reference calls reliable.</summary>
    public const int ReliableVoxelCount = 100;

    /// <summary>Channel name.</summary>
    public required string Name { get; init; }

    /// <summary>Voxels in the mask.</summary>
    public required int VoxelCount { get; init; }

    /// <summary>Volume in cc from the spacing.</summary>
    public required double VolumeCc { get; init; }

    /// <summary>True when the structure has at least <see cref="ReliableVoxelCount"/> voxels.</summary>
    public bool Reliable => VoxelCount >= ReliableVoxelCount;

    /// <summary>The target's prescription, if the structure is a target.</summary>
    public double? PrescriptionGy { get; init; }

    /// <summary>Values of the prediction.</summary>
    public required DvhValues Predicted { get; init; }

    /// <summary>Values of the ground truth.</summary>
    public required DvhValues Truth { get; init; }

    /// <summary>Mean |pred - truth| over the structure.</summary>
    public required double MaeGy { get; init; }

    /// <summary>Cumulative DVH of the prediction.</summary>
    public required DvhCurve PredictedCurve { get; init; }

    /// <summary>Cumulative DVH of the ground truth.</summary>
    public required DvhCurve TruthCurve { get; init; }

    /// <summary>Prediction minus truth per metric (Dx, Vx, mean, max, min, V100/V95), rounded to 4 decimals.</summary>
    public IReadOnlyDictionary<string, double> Errors()
    {
        var errors = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["mean"] = Round(Predicted.Mean - Truth.Mean),
            ["max"] = Round(Predicted.Max - Truth.Max),
            ["min"] = Round(Predicted.Min - Truth.Min),
            ["V45cc"] = Round(Predicted.V45Cc - Truth.V45Cc),
        };
        foreach (var (key, value) in Predicted.Dx)
        {
            errors[key] = Round(value - Truth.Dx[key]);
        }

        foreach (var (key, value) in Predicted.Vx)
        {
            errors[key] = Round(value - Truth.Vx[key]);
        }

        if (Predicted.V100 is { } p100 && Truth.V100 is { } t100)
        {
            errors["V100"] = Round(p100 - t100);
        }

        if (Predicted.V95 is { } p95 && Truth.V95 is { } t95)
        {
            errors["V95"] = Round(p95 - t95);
        }

        return errors;
    }

    /// <summary>The DVH of the voxels where <paramref name="mask"/> is non-zero; null for an empty mask.</summary>
    public static StructureDvh? Compute(string name, ReadOnlySpan<byte> mask, ReadOnlySpan<double> predGy, ReadOnlySpan<double> truthGy,
        double voxelCc, double? prescriptionGy)
    {
        var pred = new List<double>();
        var truth = new List<double>();
        for (var i = 0; i < mask.Length; i++)
        {
            if (mask[i] > 0)
            {
                pred.Add(predGy[i]);
                truth.Add(truthGy[i]);
            }
        }

        if (pred.Count == 0)
        {
            return null;
        }

        var p = pred.ToArray();
        var t = truth.ToArray();
        return new StructureDvh
        {
            Name = name,
            VoxelCount = p.Length,
            VolumeCc = p.Length * voxelCc,
            PrescriptionGy = prescriptionGy,
            Predicted = DvhValues.Compute(p, voxelCc, prescriptionGy),
            Truth = DvhValues.Compute(t, voxelCc, prescriptionGy),
            MaeGy = p.Zip(t, (a, b) => Math.Abs(a - b)).Average(),
            PredictedCurve = DvhCurve.Cumulative(p),
            TruthCurve = DvhCurve.Cumulative(t),
        };
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}

/// <summary>A cumulative DVH: for each dose level, the % of the structure at or above it.</summary>
/// <param name="DoseGy">Dose levels, linspace(0, 80.5, 500).</param>
/// <param name="VolumePct">% of voxels with dose &gt;= each level.</param>
public sealed record DvhCurve(double[] DoseGy, double[] VolumePct)
{
    /// <summary>Number of dose levels.</summary>
    public const int Bins = 500;

    /// <summary>Highest dose level (115 % of 70 Gy).</summary>
    public const double MaxDoseGy = 80.5;

    /// <summary>The curve of <paramref name="dosesGy"/>.</summary>
    public static DvhCurve Cumulative(double[] dosesGy)
    {
        ArgumentNullException.ThrowIfNull(dosesGy);
        var sorted = (double[])dosesGy.Clone();
        Array.Sort(sorted);
        var levels = new double[Bins];
        var volume = new double[Bins];
        var below = 0;
        for (var b = 0; b < Bins; b++)
        {
            levels[b] = b == Bins - 1 ? MaxDoseGy : b * (MaxDoseGy / (Bins - 1));
            while (below < sorted.Length && sorted[below] < levels[b])
            {
                below++;
            }

            volume[b] = sorted.Length == 0 ? 0 : 100.0 * (sorted.Length - below) / sorted.Length;
        }

        return new DvhCurve(levels, volume);
    }
}
