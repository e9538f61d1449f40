using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// Asymmetric PTV loss (reference-spec 3.6): over Ω, the union of the targets across the whole batch, squared error
/// weighted by the underdose weight where the prediction is below the truth and the overdose weight elsewhere,
/// divided by |Ω|; 0 when Ω is empty.
/// </summary>
public sealed class AsymmetricPtvLoss(StructureRoles roles, double underdoseWeight = 3.0, double overdoseWeight = 1.0)
{
    /// <summary>Computes the loss; adds asym_ptv/... sub-metrics to <paramref name="logged"/>.</summary>
    public Tensor Compute(LossBatch batch, IDictionary<string, Tensor> logged)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(logged);
        var region = zeros_like(batch.Target, dtype: ScalarType.Bool);
        foreach (var (channel, _, _) in roles.Targets)
        {
            region = region.logical_or(batch.Inside(channel).logical_and(batch.IsPresent(channel)));
        }

        var count = region.sum();
        var error = batch.Prediction - batch.Target;
        var weights = ScalarSafeMath.Choose(error.LessThan(0), underdoseWeight, overdoseWeight, error);
        var divisor = count.AtLeast(1).to(error.dtype);
        var loss = (weights * error.square() * region.to(error.dtype)).sum() / divisor;

        var detached = error.detach().Times(roles.PrescriptionGy);
        var inside = region.to(error.dtype);
        logged["asym_ptv/mean_error_gy"] = (detached * inside).sum() / divisor;
        logged["asym_ptv/underdose_fraction"] =
            detached.LessThan(0).logical_and(region).sum().to(error.dtype) / divisor;
        logged["asym_ptv/n_ptv_voxels"] = count.to(error.dtype);
        logged["asym_ptv/loss"] = loss.detach();
        return loss;
    }
}
