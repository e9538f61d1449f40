using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Metrics;

namespace VmatTracker.Engine.Training;

/// <summary>
/// The validation metrics, computed on whole validation volumes predicted by sliding window (not on the reference's
/// random patches): val/loss (MSE in normalised units), val/mae_gy (every voxel, no body mask, as the reference's test
/// MAE), val/mae_gy_ptv70 (SDF of the first target &lt; 0), val/mae_gy_oar (union of the organs at risk), and
/// val/gamma_3mm3pct (3 %/3 mm global, 10 % cutoff, max γ 2, every 4th voxel). The epoch value is the mean over cases.
/// </summary>
public static class TrainingMetrics
{
    /// <summary>Metrics that early stopping and best checkpoints can follow.</summary>
    public static readonly IReadOnlyList<string> Monitorable = ["val/mae_gy", "val/mae_gy_ptv70", "val/mae_gy_oar", "val/loss"];

    /// <summary>The value training_config.json records under "val_metrics" for runs of this trainer.</summary>
    public const string ValidationKind = "whole-volume";

    /// <summary>Metrics of one predicted case.</summary>
    public static Dictionary<string, double> ForCase(CaseVolume truth, float[] prediction, StructureRoles roles,
        double rxDoseGy, int gammaSubsample, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(roles);
        var n = truth.Shape.VoxelCount;
        var ptv = roles.Targets.Count > 0 ? truth.SdfChannel(roles.Targets[0].Channel) : default;
        var oarChannels = roles.OrgansAtRisk.Select(o => o.Channel).ToArray();
        double squared = 0, absolute = 0, ptvAbs = 0, oarAbs = 0;
        long ptvCount = 0, oarCount = 0;
        var truthGy = new double[n];
        var predGy = new double[n];
        for (var i = 0; i < n; i++)
        {
            var difference = (double)prediction[i] - truth.Dose[i];
            squared += difference * difference;
            absolute += Math.Abs(difference);
            truthGy[i] = truth.Dose[i] * rxDoseGy;
            predGy[i] = prediction[i] * rxDoseGy;
            if (!ptv.IsEmpty && ptv[i] < 0)
            {
                ptvAbs += Math.Abs(difference);
                ptvCount++;
            }

            if (InsideAny(truth, oarChannels, i))
            {
                oarAbs += Math.Abs(difference);
                oarCount++;
            }
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["val/loss"] = squared / n,
            ["val/mae_gy"] = absolute / n * rxDoseGy,
        };
        if (ptvCount > 0)
        {
            values["val/mae_gy_ptv70"] = ptvAbs / ptvCount * rxDoseGy;
        }

        if (oarCount > 0)
        {
            values["val/mae_gy_oar"] = oarAbs / oarCount * rxDoseGy;
        }

        var gamma = GammaIndex.Compute(truthGy, predGy, truth.Shape, truth.Spacing,
            new GammaOptions { Subsample = gammaSubsample, MaxGamma = 2 }, cancellationToken);
        if (gamma.PassRate is { } passRate)
        {
            values["val/gamma_3mm3pct"] = passRate;
        }

        return values;
    }

    /// <summary>The mean of each metric over the cases that have it.</summary>
    public static Dictionary<string, double> Mean(IEnumerable<IReadOnlyDictionary<string, double>> perCase)
    {
        ArgumentNullException.ThrowIfNull(perCase);
        return perCase.SelectMany(c => c)
            .GroupBy(kv => kv.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Average(kv => kv.Value), StringComparer.Ordinal);
    }

    private static bool InsideAny(CaseVolume volume, int[] channels, int voxel)
    {
        foreach (var channel in channels)
        {
            if (volume.Sdf[(channel * volume.Shape.VoxelCount) + voxel] < 0)
            {
                return true;
            }
        }

        return false;
    }
}
