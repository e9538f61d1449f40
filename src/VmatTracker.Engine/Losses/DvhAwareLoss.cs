using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// The DVH-aware loss (reference-spec 3.4), vectorised over the batch: per target, an underdose term on the soft D95
/// (weights 1, 0.5, 0.3 of the D95 weight for the first, second and third target); per limited organ, a soft-V70
/// term against its limit and against the truth; per mean-dose organ, a term on the predicted mean exceeding the truth.
/// A sample whose mask has fewer than <see cref="DvhAwareOptions.MinVoxels"/> voxels contributes 0; a term whose mask
/// is empty in the whole batch is left out.
/// </summary>
public sealed class DvhAwareLoss(StructureRoles roles, DvhAwareOptions options)
{
    private static readonly double[] s_targetFactors = [1.0, 0.5, 0.3];
    private static readonly (string Name, double Limit)[] s_v70Limits = [("Rectum", 0.15), ("Bladder", 0.25)];
    private static readonly string[] s_meanDoseOrgans = ["Rectum", "Bladder", "Bowel"];

    /// <summary>Computes the loss; adds its sub-metrics (dvh/...) to <paramref name="logged"/>.</summary>
    public Tensor Compute(LossBatch batch, IDictionary<string, Tensor> logged)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(logged);
        var total = zeros(1, dtype: batch.Prediction.dtype, device: batch.Prediction.device).squeeze();
        // V70 means 70 Gy, whatever dose 1.0 stands for in this site.
        var threshold = 70.0 / roles.PrescriptionGy;
        var vxTemperature = 10 * options.Temperature;

        for (var t = 0; t < Math.Min(roles.Targets.Count, s_targetFactors.Length); t++)
        {
            var (channel, name, _) = roles.Targets[t];
            var term = Term(batch, channel, (p, ps, pc, tv, ts, tc, valid) =>
            {
                var predicted = SoftDvh.SoftD95(p, ps, pc, options.Temperature, options.Bins);
                var truth = SoftDvh.SoftD95(tv, ts, tc, options.Temperature, options.Bins);
                Log(logged, $"dvh/{Key(name)}_d95_pred", predicted, valid);
                Log(logged, $"dvh/{Key(name)}_d95_target", truth, valid);
                return nn.functional.relu(truth - predicted);
            });
            if (term is not null)
            {
                logged[$"dvh/{Key(name)}_d95_loss"] = term.detach();
                total = total.PlusScaled(term, options.D95Weight * s_targetFactors[t]);
            }
        }

        foreach (var (name, limit) in s_v70Limits)
        {
            if (roles.ChannelOf(name) is not { } channel)
            {
                continue;
            }

            var term = Term(batch, channel, (p, ps, pc, tv, ts, tc, valid) =>
            {
                var predicted = SoftDvh.SoftVolumeAbove(p, ps, pc, threshold, vxTemperature);
                var truth = SoftDvh.SoftVolumeAbove(tv, ts, tc, threshold, vxTemperature);
                Log(logged, $"dvh/{Key(name)}_v70_pred", predicted, valid);
                Log(logged, $"dvh/{Key(name)}_v70_target", truth, valid);
                return nn.functional.relu(predicted.Minus(limit)).PlusScaled(nn.functional.relu(predicted - truth), 0.5);
            });
            if (term is not null)
            {
                logged[$"dvh/{Key(name)}_v70_loss"] = term.detach();
                total = total.PlusScaled(term, options.VxWeight);
            }
        }

        foreach (var name in s_meanDoseOrgans)
        {
            if (roles.ChannelOf(name) is not { } channel)
            {
                continue;
            }

            var term = Term(batch, channel, (p, ps, pc, tv, ts, tc, valid) =>
            {
                var predicted = SoftDvh.MeanPerSample(p, ps, pc);
                var truth = SoftDvh.MeanPerSample(tv, ts, tc);
                Log(logged, $"dvh/{Key(name)}_dmean_pred", predicted, valid);
                Log(logged, $"dvh/{Key(name)}_dmean_target", truth, valid);
                return nn.functional.relu(predicted - truth);
            });
            if (term is not null)
            {
                logged[$"dvh/{Key(name)}_dmean_loss"] = term.detach();
                total = total.PlusScaled(term, options.DmeanWeight);
            }
        }

        logged["dvh/total_loss"] = total.detach();
        return total;
    }

    /// <summary>The name as the reference logs it: lower case, without dots (PTV50.4 → ptv504).</summary>
    public static string Key(string structure) => structure.Replace(".", string.Empty, StringComparison.Ordinal)
        .ToLowerInvariant();

    private Tensor? Term(LossBatch batch, int channel,
        Func<Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor, Tensor> perSample)
    {
        var mask = batch.Inside(channel).logical_and(batch.IsPresent(channel));
        var (p, ps, pc) = SoftDvh.Gather(batch.Prediction, mask);
        if (p.shape[0] == 0)
        {
            return null;
        }

        var (tv, ts, tc) = SoftDvh.Gather(batch.Target, mask);
        var valid = pc.AtLeastAsLarge(options.MinVoxels);
        var values = perSample(p, ps, pc, tv, ts, tc, valid);
        return (values * valid.to(values.dtype)).mean();
    }

    private static void Log(IDictionary<string, Tensor> logged, string key, Tensor perSample, Tensor valid)
    {
        var count = valid.sum();
        logged[key] = (perSample.detach() * valid.to(perSample.dtype)).sum() / count.AtLeast(1).to(perSample.dtype);
    }
}
