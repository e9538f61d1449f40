using TorchSharp.Modules;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Models;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>
/// One optimisation step, as the reference does it: forward, the loss recipe, backward, gradient-norm clipping at 1.0,
/// AdamW (weight decay on every model parameter; the uncertainty log σ's in their own group without decay).
/// Synchronous and owned by the training thread: every temporary tensor lives in a dispose scope closed by the step,
/// and what it reports are plain numbers.
/// </summary>
public sealed class TrainingStep : IDisposable
{
    /// <summary>The reference's gradient clipping threshold (total L2 norm).</summary>
    public const double GradientClipNorm = 1.0;

    private readonly BaselineUNet3D _model;
    private readonly LossRecipe _recipe;
    private readonly OptimizerHelper _optimizer;
    private readonly Device _device;
    private readonly Parameter[] _parameters;

    /// <summary>Creates the step for <paramref name="model"/> (already on <paramref name="device"/>).</summary>
    public TrainingStep(BaselineUNet3D model, LossRecipe recipe, double learningRate, double weightDecay, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recipe);
        _model = model;
        _recipe = recipe;
        _device = device;

        // Taken once, outside any dispose scope: parameter wrappers made inside a step's scope would be disposed with it.
        _parameters = [.. model.parameters()];
        var groups = new List<AdamW.ParamGroup>
        {
            new(_parameters, new AdamW.Options { LearningRate = learningRate, weight_decay = weightDecay }),
        };
        if (recipe.Uncertainty is { } uncertainty)
        {
            groups.Add(new AdamW.ParamGroup(uncertainty.parameters(), new AdamW.Options { LearningRate = learningRate, weight_decay = 0 }));
        }

        _optimizer = optim.AdamW(groups, learningRate, weight_decay: weightDecay);
    }

    /// <summary>Sets the learning rate of every parameter group (the cosine schedule, once per epoch).</summary>
    public void SetLearningRate(double learningRate)
    {
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }

    /// <summary>Trains on <paramref name="patches"/> once; returns the total loss and every logged term as numbers.</summary>
    public IReadOnlyDictionary<string, double> Run(IReadOnlyList<TrainingPatch> patches)
    {
        Dictionary<string, double> values;
        using (NewDisposeScope())
        {
            _model.train();
            var (condition, dose, constraints, present) = TrainingBatch.Collate(patches, _device);
            _optimizer.zero_grad();
            var prediction = _model.call(condition, constraints);
            var output = _recipe.Compute(new LossBatch(prediction, dose, condition, present));
            output.Total.backward();
            values = output.Logged.ToDictionary(kv => kv.Key, kv => kv.Value.to(ScalarType.Float64).item<double>(),
                StringComparer.Ordinal);
            values["grad_norm"] = ClipGradientNorm(GradientClipNorm);
        }

        // Outside the scope: AdamW creates its moment buffers on the first step, and a dispose scope open at that
        // moment would free them when it closes, leaving the optimizer to read freed memory on later steps.
        _optimizer.step();
        return values;
    }

    /// <summary>
    /// Scales all gradients so their total L2 norm is at most <paramref name="maxNorm"/>; returns the norm before.
    /// Written here because TorchSharp 0.107's clip_grad_norm_, called inside a dispose scope, corrupts the gradients
    /// (the loss turns NaN after some steps; a test pins this).
    /// </summary>
    private double ClipGradientNorm(double maxNorm)
    {
        using var noGrad = no_grad();
        var gradients = _parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        var total = Math.Sqrt(gradients.Sum(g => g.square().sum().to(ScalarType.Float64).item<double>()));
        if (total > maxNorm)
        {
            var scale = maxNorm / (total + 1e-6);
            foreach (var gradient in gradients)
            {
                gradient.mul_(scale);
            }
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose() => _optimizer.Dispose();
}
