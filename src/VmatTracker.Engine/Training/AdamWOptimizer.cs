using TorchSharp;
using TorchSharp.Modules;
using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>One group of parameters with its own weight decay (the uncertainty log σ's train without decay).</summary>
/// <param name="Parameters">The parameters of the group.</param>
/// <param name="WeightDecay">Decoupled weight decay (AdamW's λ).</param>
public sealed record ParameterGroup(IReadOnlyList<Parameter> Parameters, double WeightDecay);

/// <summary>
/// AdamW exactly as PyTorch's default (β = 0.9/0.999, ε = 1e-8, decoupled decay p ← p·(1 − lr·λ), bias-corrected
/// moments, no AMSGrad). Written here instead of TorchSharp's AdamW because that one makes a temporary Scalar for
/// every operation on every parameter, and TorchSharp 0.107 lets the finalizer free such a Scalar while libtorch is
/// still reading it (docs/torchsharp-scalars.md). Moments are allocated once, outside any dispose scope, and can be
/// saved with a checkpoint so a resumed run continues the same trajectory.
/// </summary>
public sealed class AdamWOptimizer : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly (Parameter Parameter, Tensor Mean, Tensor Variance, double WeightDecay)[] _slots;

    /// <summary>Creates the optimizer over <paramref name="groups"/> with learning rate <paramref name="learningRate"/>.</summary>
    public AdamWOptimizer(IEnumerable<ParameterGroup> groups, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(groups);
        LearningRate = learningRate;
        using (no_grad())
        {
            _slots = [.. groups.SelectMany(g => g.Parameters.Select(p =>
                (p, zeros_like(p).DetachFromDisposeScope(), zeros_like(p).DetachFromDisposeScope(), g.WeightDecay)))];
        }
    }

    /// <summary>The learning rate of the next step (the cosine schedule sets it once per epoch).</summary>
    public double LearningRate { get; set; }

    /// <summary>Steps taken so far (bias correction depends on it).</summary>
    public long StepCount { get; private set; }

    /// <summary>Every parameter this optimizer updates.</summary>
    public IEnumerable<Parameter> Parameters => _slots.Select(s => s.Parameter);

    /// <summary>Clears every parameter's gradient.</summary>
    public void ZeroGradients()
    {
        foreach (var slot in _slots)
        {
            slot.Parameter.grad?.zero_();
        }
    }

    /// <summary>Applies one AdamW update from the current gradients; parameters without a gradient are left alone.</summary>
    public void Step()
    {
        StepCount++;
        var correction1 = 1 - Math.Pow(Beta1, StepCount);
        var correction2 = 1 - Math.Pow(Beta2, StepCount);
        using var keepMean = Beta1.ToScalar();
        using var addMean = (1 - Beta1).ToScalar();
        using var keepVariance = Beta2.ToScalar();
        using var addVariance = (1 - Beta2).ToScalar();
        using var varianceScale = (1 / Math.Sqrt(correction2)).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var stepSize = (-LearningRate / correction1).ToScalar();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        foreach (var (parameter, mean, variance, weightDecay) in _slots)
        {
            if (parameter.grad is not { } gradient)
            {
                continue;
            }

            using var decay = (1 - (LearningRate * weightDecay)).ToScalar();
            parameter.mul_(decay);
            mean.mul_(keepMean).add_(gradient, addMean);
            variance.mul_(keepVariance).addcmul_(gradient, gradient, addVariance);
            var denominator = variance.sqrt().mul_(varianceScale).add_(epsilon, ScalarSafeMath.One);
            parameter.addcdiv_(mean, denominator, stepSize);
        }
    }

    /// <summary>Writes the step count and both moments of every parameter (in constructor order).</summary>
    public void Save(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_slots.Length);
        writer.Write(StepCount);
        foreach (var (_, mean, variance, _) in _slots)
        {
            mean.Save(writer);
            variance.Save(writer);
        }
    }

    /// <summary>Reads what <see cref="Save"/> wrote; the parameter list must be the same.</summary>
    public void Load(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var count = reader.ReadInt32();
        if (count != _slots.Length)
        {
            throw new InvalidDataException($"The optimizer state holds {count} parameters; this model has {_slots.Length}.");
        }

        StepCount = reader.ReadInt64();
        foreach (var (_, mean, variance, _) in _slots)
        {
            mean.Load(reader);
            variance.Load(reader);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (_, mean, variance, _) in _slots)
        {
            mean.Dispose();
            variance.Dispose();
        }
    }
}
