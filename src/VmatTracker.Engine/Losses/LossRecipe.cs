using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// Composes the loss terms a run asked for (reference-spec 3.8). Manual mode:
/// L = MSE + 0.1·neg + w_g·L_grad + w_dvh·L_dvh + w_s·L_struct + w_a·L_asym, inactive terms left out. With uncertainty
/// weighting: the Kendall sum over base (MSE), gradient, dvh, structure, asymmetric (those enabled) + 0.1·neg.
/// Every term is logged on its own (mse_loss, neg_penalty, grad_loss, dvh_loss, struct_weighted_loss, asym_ptv_loss).
/// </summary>
public sealed class LossRecipe : IDisposable
{
    private readonly LossOptions _options;
    private readonly GradientLoss3D? _gradient;
    private readonly DvhAwareLoss? _dvh;
    private readonly StructureWeightedLoss? _structure;
    private readonly AsymmetricPtvLoss? _asymmetric;

    /// <summary>Builds the recipe for a dataset whose structures have <paramref name="roles"/>.</summary>
    public LossRecipe(LossOptions options, StructureRoles roles, Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(roles);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        _options = options;
        _gradient = options.UseGradientLoss ? new GradientLoss3D(device) : null;
        _dvh = options.UseDvhLoss ? new DvhAwareLoss(roles, options.Dvh) : null;
        _structure = options.UseStructureWeighted ? new StructureWeightedLoss(roles, options.Structure) : null;
        _asymmetric = options.UseAsymmetricPtv
            ? new AsymmetricPtvLoss(roles, options.AsymmetricUnderdoseWeight, options.AsymmetricOverdoseWeight)
            : null;
        if (options.UseUncertaintyWeighting)
        {
            Uncertainty = new UncertaintyWeighting(ComponentNames, options.InitialLogSigmas, device);
        }
    }

    /// <summary>The enabled components in the reference's order: base, gradient, dvh, structure, asymmetric.</summary>
    public IReadOnlyList<string> ComponentNames =>
    [
        "base",
        .. _gradient is null ? Array.Empty<string>() : ["gradient"],
        .. _dvh is null ? Array.Empty<string>() : ["dvh"],
        .. _structure is null ? Array.Empty<string>() : ["structure"],
        .. _asymmetric is null ? Array.Empty<string>() : ["asymmetric"],
    ];

    /// <summary>The learned log σ's when uncertainty weighting is on (their optimizer group has no weight decay).</summary>
    public UncertaintyWeighting? Uncertainty { get; }

    /// <summary>The total loss for <paramref name="batch"/>, and every term to log.</summary>
    public LossOutput Compute(LossBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var logged = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var components = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var mse = BaseDoseLoss.Mse(batch.Prediction, batch.Target);
        var negative = BaseDoseLoss.NegativePenalty(batch.Prediction);
        logged["mse_loss"] = mse.detach();
        logged["neg_penalty"] = negative.detach();
        components["base"] = mse;

        var manual = mse;
        if (_gradient is not null)
        {
            var term = _gradient.Compute(batch.Prediction, batch.Target);
            logged["grad_loss"] = term.detach();
            components["gradient"] = term;
            manual = manual.PlusScaled(term, _options.GradientLossWeight);
        }

        if (_dvh is not null)
        {
            var term = _dvh.Compute(batch, logged);
            logged["dvh_loss"] = term.detach();
            components["dvh"] = term;
            manual = manual.PlusScaled(term, _options.DvhLossWeight);
        }

        if (_structure is not null)
        {
            var term = _structure.Compute(batch, logged);
            logged["struct_weighted_loss"] = term.detach();
            components["structure"] = term;
            manual = manual.PlusScaled(term, _options.StructureWeightedWeight);
        }

        if (_asymmetric is not null)
        {
            var term = _asymmetric.Compute(batch, logged);
            logged["asym_ptv_loss"] = term.detach();
            components["asymmetric"] = term;
            manual = manual.PlusScaled(term, _options.AsymmetricPtvWeight);
        }

        var combined = Uncertainty is null ? manual : Uncertainty.Combine(components, logged);
        var total = combined.PlusScaled(negative, BaseDoseLoss.NegativePenaltyWeight);
        logged["loss"] = total.detach();
        return new LossOutput(total, logged);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _gradient?.Dispose();
        Uncertainty?.Dispose();
    }
}
