using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>A loss and the values to log beside it (detached scalars, named as the reference logs them).</summary>
/// <param name="Total">The differentiable total.</param>
/// <param name="Logged">Each term and sub-metric, detached.</param>
public sealed record LossOutput(Tensor Total, IReadOnlyDictionary<string, Tensor> Logged);
