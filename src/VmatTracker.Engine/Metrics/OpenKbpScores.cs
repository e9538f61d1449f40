namespace VmatTracker.Engine.Metrics;

/// <summary>
/// OpenKBP's per-patient dose and DVH errors (dose-science 2.1; ababier/open-kbp <c>DoseEvaluator</c>), an extra
/// beside the reference's metrics. Percentiles are numpy's default linear ones, as OpenKBP uses.
/// </summary>
public static class OpenKbpScores
{
    /// <summary>OpenKBP's D_0.1cc volume, in mm³.</summary>
    public const double SmallVolumeMm3 = 100;

    /// <summary>Dose score of one patient: Σ|truth − pred| over all voxels / number of possible-dose voxels.</summary>
    public static double? DoseScore(ReadOnlySpan<double> truthGy, ReadOnlySpan<double> predGy, ReadOnlySpan<byte> possibleDoseMask)
    {
        double sum = 0;
        for (var i = 0; i < truthGy.Length; i++)
        {
            sum += Math.Abs(truthGy[i] - predGy[i]);
        }

        var count = 0;
        foreach (var m in possibleDoseMask)
        {
            count += m > 0 ? 1 : 0;
        }

        return count == 0 ? null : sum / count;
    }

    /// <summary>
    /// The DVH metrics OpenKBP scores, keyed "D_0.1_cc" and "mean" for organs at risk and "D_99", "D_95", "D_1"
    /// for targets; null for an empty structure.
    /// </summary>
    public static IReadOnlyDictionary<string, double>? DvhMetrics(double[] dosesGy, bool isTarget, double voxelVolumeMm3)
    {
        ArgumentNullException.ThrowIfNull(dosesGy);
        if (dosesGy.Length == 0)
        {
            return null;
        }

        var sorted = (double[])dosesGy.Clone();
        Array.Sort(sorted);
        if (isTarget)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal)
            {
                ["D_99"] = DvhValues.LinearPercentile(sorted, 1),
                ["D_95"] = DvhValues.LinearPercentile(sorted, 5),
                ["D_1"] = DvhValues.LinearPercentile(sorted, 99),
            };
        }

        // n = max(1, round(100 mm³ / voxel volume)) hottest voxels, numpy's round (half to even); the percentile is
        // 100 - n / size * 100 in OpenKBP's order of operations. A structure smaller than n voxels would make numpy
        // raise (a negative percentile); it is clamped to the coldest voxel here instead.
        var n = Math.Max(1, Math.Round(SmallVolumeMm3 / voxelVolumeMm3, MidpointRounding.ToEven));
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["D_0.1_cc"] = DvhValues.LinearPercentile(sorted, Math.Max(0, 100 - (n / sorted.Length * 100))),
            ["mean"] = sorted.Average(),
        };
    }

    /// <summary>
    /// DVH score of one patient: the mean of |truth − pred| over every metric of every structure present in both.
    /// Each structure is (doses of the truth, doses of the prediction, is it a target).
    /// </summary>
    public static double? DvhScore(IEnumerable<(double[] TruthGy, double[] PredGy, bool IsTarget)> structures, double voxelVolumeMm3)
    {
        ArgumentNullException.ThrowIfNull(structures);
        var errors = new List<double>();
        foreach (var (truth, pred, isTarget) in structures)
        {
            if (DvhMetrics(truth, isTarget, voxelVolumeMm3) is not { } t || DvhMetrics(pred, isTarget, voxelVolumeMm3) is not { } p)
            {
                continue;
            }

            errors.AddRange(t.Keys.Select(k => Math.Abs(t[k] - p[k])));
        }

        return errors.Count == 0 ? null : errors.Average();
    }
}
