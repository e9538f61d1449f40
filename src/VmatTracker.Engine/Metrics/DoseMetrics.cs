namespace VmatTracker.Engine.Metrics;

/// <summary>
/// Voxel-wise dose errors of one case in Gy (reference-spec 4.3). <see cref="MaeGy"/> is over the whole volume, as
/// the reference computes it (air included); <see cref="MaeGyBody"/> is ours, over the body (CT above -500 HU).
/// Threshold MAEs use voxels whose ground truth is at least 10/50/90 % of the ground-truth maximum.
/// </summary>
public sealed record DoseMetrics
{
    /// <summary>Mean |pred - truth| over every voxel (the reference's mae_gy).</summary>
    public required double MaeGy { get; init; }

    /// <summary>Mean |pred - truth| over the body (CT above -500 HU); null when no voxel is body.</summary>
    public double? MaeGyBody { get; init; }

    /// <summary>Root mean square error over every voxel.</summary>
    public required double RmseGy { get; init; }

    /// <summary>Largest |pred - truth|.</summary>
    public required double MaxErrorGy { get; init; }

    /// <summary>Maximum of the prediction.</summary>
    public required double PredMaxGy { get; init; }

    /// <summary>Maximum of the ground truth.</summary>
    public required double TargetMaxGy { get; init; }

    /// <summary>Mean of the prediction.</summary>
    public required double PredMeanGy { get; init; }

    /// <summary>Mean of the ground truth.</summary>
    public required double TargetMeanGy { get; init; }

    /// <summary>MAE where truth &gt;= 10 % of its maximum; null if the truth is all zero.</summary>
    public double? MaeGyAbove10Pct { get; init; }

    /// <summary>MAE where truth &gt;= 50 % of its maximum.</summary>
    public double? MaeGyAbove50Pct { get; init; }

    /// <summary>MAE where truth &gt;= 90 % of its maximum.</summary>
    public double? MaeGyAbove90Pct { get; init; }

    /// <summary>MAE per present structure (mask &gt; 0), by channel name.</summary>
    public required IReadOnlyDictionary<string, double> PerStructureMaeGy { get; init; }

    /// <summary>The body threshold on normalised CT: (-500 HU clipped to [-1000, 3000]) / 4000 + 0.5.</summary>
    public const float BodyCtThreshold = 0.375f;

    /// <summary>
    /// Computes the metrics. <paramref name="structures"/> gives each structure's name and mask (Y·X·Z bytes);
    /// empty masks are skipped. <paramref name="normalisedCt"/> may be null (no body MAE then).
    /// </summary>
    public static DoseMetrics Compute(ReadOnlySpan<double> predGy, ReadOnlySpan<double> truthGy, ReadOnlySpan<float> normalisedCt,
        IEnumerable<(string Name, ReadOnlyMemory<byte> Mask)> structures)
    {
        ArgumentNullException.ThrowIfNull(structures);
        if (predGy.Length != truthGy.Length || predGy.Length == 0)
        {
            throw new ArgumentException($"prediction has {predGy.Length} voxels and truth {truthGy.Length}; they must match and not be empty");
        }

        double abs = 0, sq = 0, maxErr = 0, predMax = double.NegativeInfinity, truthMax = double.NegativeInfinity, predSum = 0, truthSum = 0;
        double bodyAbs = 0;
        var bodyCount = 0;
        var hasCt = normalisedCt.Length == predGy.Length;
        for (var i = 0; i < predGy.Length; i++)
        {
            var d = Math.Abs(predGy[i] - truthGy[i]);
            abs += d;
            sq += d * d;
            maxErr = Math.Max(maxErr, d);
            predMax = Math.Max(predMax, predGy[i]);
            truthMax = Math.Max(truthMax, truthGy[i]);
            predSum += predGy[i];
            truthSum += truthGy[i];
            if (hasCt && normalisedCt[i] > BodyCtThreshold)
            {
                bodyAbs += d;
                bodyCount++;
            }
        }

        var n = predGy.Length;
        var perStructure = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (name, mask) in structures)
        {
            var m = mask.Span;
            double s = 0;
            var c = 0;
            for (var i = 0; i < m.Length; i++)
            {
                if (m[i] > 0)
                {
                    s += Math.Abs(predGy[i] - truthGy[i]);
                    c++;
                }
            }

            if (c > 0)
            {
                perStructure[name] = s / c;
            }
        }

        return new DoseMetrics
        {
            MaeGy = abs / n,
            MaeGyBody = bodyCount > 0 ? bodyAbs / bodyCount : null,
            RmseGy = Math.Sqrt(sq / n),
            MaxErrorGy = maxErr,
            PredMaxGy = predMax,
            TargetMaxGy = truthMax,
            PredMeanGy = predSum / n,
            TargetMeanGy = truthSum / n,
            MaeGyAbove10Pct = MaeAbove(predGy, truthGy, 0.1 * truthMax),
            MaeGyAbove50Pct = MaeAbove(predGy, truthGy, 0.5 * truthMax),
            MaeGyAbove90Pct = MaeAbove(predGy, truthGy, 0.9 * truthMax),
            PerStructureMaeGy = perStructure,
        };
    }

    private static double? MaeAbove(ReadOnlySpan<double> pred, ReadOnlySpan<double> truth, double threshold)
    {
        if (!(threshold > 0))
        {
            return null;
        }

        double s = 0;
        var c = 0;
        for (var i = 0; i < pred.Length; i++)
        {
            if (truth[i] >= threshold)
            {
                s += Math.Abs(pred[i] - truth[i]);
                c++;
            }
        }

        return c > 0 ? s / c : null;
    }
}
