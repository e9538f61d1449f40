using TorchSharp.Modules;
using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// Kendall et al. (2018) uncertainty weighting (reference-spec 3.7): one learned s_i = log σ_i per component,
/// L = Σ [L_i / (2σ_i²) + s_i] with σ_i = max(exp(s_i), 1e-4); the log term uses the unclamped s_i. The manual
/// weights are ignored in this mode. The trainer puts these parameters in an AdamW group without weight decay.
/// </summary>
public sealed class UncertaintyWeighting : nn.Module
{
    private readonly ParameterDict _logSigmas = new();

    /// <summary>Creates one log σ per component, starting at <paramref name="initialLogSigmas"/> (0 when absent).</summary>
    public UncertaintyWeighting(IReadOnlyList<string> components, IReadOnlyDictionary<string, double>? initialLogSigmas = null,
        Device? device = null)
        : base(nameof(UncertaintyWeighting))
    {
        ArgumentNullException.ThrowIfNull(components);
        Components = components;
        foreach (var name in components)
        {
            var start = initialLogSigmas is not null && initialLogSigmas.TryGetValue(name, out var s) ? s : 0.0;
            _logSigmas.Add((name, new Parameter(tensor((float)start, device: device ?? CPU))));
        }

        register_module("log_sigmas", _logSigmas);
    }

    /// <summary>The weighted components, in order.</summary>
    public IReadOnlyList<string> Components { get; }

    /// <summary>The Kendall sum of <paramref name="losses"/> (by component name); logs sigma_ and weighted_ values.</summary>
    public Tensor Combine(IReadOnlyDictionary<string, Tensor> losses, IDictionary<string, Tensor> logged)
    {
        ArgumentNullException.ThrowIfNull(losses);
        ArgumentNullException.ThrowIfNull(logged);
        Tensor? total = null;
        foreach (var name in Components)
        {
            var s = _logSigmas[name];
            var sigma = s.exp().AtLeast(1e-4);
            var weighted = (losses[name] / sigma.square().Times(2)).Plus(s);
            logged[$"sigma_{name}"] = sigma.detach();
            logged[$"weighted_{name}"] = weighted.detach();
            total = total is null ? weighted : total.Plus(weighted);
        }

        return total ?? throw new InvalidOperationException("Uncertainty weighting needs at least one component.");
    }
}
