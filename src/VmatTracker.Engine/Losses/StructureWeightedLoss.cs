using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// Structure-weighted MSE (reference-spec 3.5): background weight everywhere, the organ-boundary weight where
/// |SDF| &lt; τ for organs at risk the case has, and the target weight inside targets (targets win).
/// L = mean(W·(p − t)²). Absent structures never form a band, whatever their SDF holds.
/// </summary>
public sealed class StructureWeightedLoss(StructureRoles roles, StructureWeightedOptions options)
{
    private static readonly string[] s_loggedOrgans = ["Rectum", "Bladder", "Bowel"];

    /// <summary>The weight map (B, 1, Y, X, Z).</summary>
    public Tensor WeightMap(LossBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var weights = ScalarSafeMath.FullLike(batch.Target, options.BackgroundWeight);
        foreach (var (channel, _) in roles.OrgansAtRisk)
        {
            var band = batch.Sdf(channel).abs().LessThan(options.Tau).logical_and(batch.IsPresent(channel));
            weights = weights.FilledWhere(band, options.OarBoundaryWeight);
        }

        foreach (var (channel, _, _) in roles.Targets)
        {
            weights = weights.FilledWhere(batch.Inside(channel).logical_and(batch.IsPresent(channel)), options.PtvWeight);
        }

        return weights;
    }

    /// <summary>Computes the loss; adds struct_weight/... sub-metrics to <paramref name="logged"/>.</summary>
    public Tensor Compute(LossBatch batch, IDictionary<string, Tensor> logged)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(logged);
        var weights = WeightMap(batch);
        var squared = (batch.Prediction - batch.Target).square();
        var loss = (weights * squared).mean();

        var ptv = Union(batch, roles.Targets.Select(t => t.Channel));
        var organs = Union(batch, s_loggedOrgans.Select(roles.ChannelOf).OfType<int>());
        var others = Union(batch, roles.Others.Select(o => o.Channel));
        var background = ptv.logical_or(organs).logical_or(others).logical_not();
        var detached = squared.detach();
        logged["struct_weight/ptv_mse"] = MaskedMean(detached, ptv);
        logged["struct_weight/oar_mse"] = MaskedMean(detached, organs);
        logged["struct_weight/background_mse"] = MaskedMean(detached, background);
        logged["struct_weight/mean_weight"] = weights.mean();
        logged["struct_weight/weighted_loss"] = loss.detach();
        return loss;
    }

    private static Tensor Union(LossBatch batch, IEnumerable<int> channels)
    {
        var union = zeros_like(batch.Target, dtype: ScalarType.Bool);
        foreach (var channel in channels)
        {
            union = union.logical_or(batch.Inside(channel).logical_and(batch.IsPresent(channel)));
        }

        return union;
    }

    private static Tensor MaskedMean(Tensor values, Tensor mask) =>
        (values * mask.to(values.dtype)).sum() / mask.sum().AtLeast(1).to(values.dtype);
}
