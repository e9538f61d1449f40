using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Models;
using VmatTracker.Engine.Torch;
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
    private readonly Device _device;

    /// <summary>Creates the step for <paramref name="model"/> (already on <paramref name="device"/>).</summary>
    public TrainingStep(BaselineUNet3D model, LossRecipe recipe, double learningRate, double weightDecay, Device device)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(recipe);
        _model = model;
        _recipe = recipe;
        _device = device;
        var groups = new List<ParameterGroup> { new([.. model.parameters()], weightDecay) };
        if (recipe.Uncertainty is { } uncertainty)
        {
            groups.Add(new ParameterGroup([.. uncertainty.parameters()], 0));
        }

        Optimizer = new AdamWOptimizer(groups, learningRate);
    }

    /// <summary>The optimizer (its state goes into checkpoints; its learning rate follows the schedule).</summary>
    public AdamWOptimizer Optimizer { get; }

    /// <summary>Trains on <paramref name="patches"/> once; returns the total loss, every logged term and the gradient
    /// norm before clipping, as numbers.</summary>
    public IReadOnlyDictionary<string, double> Run(IReadOnlyList<TrainingPatch> patches)
    {
        using var scope = NewDisposeScope();
        _model.train();
        var (condition, dose, constraints, present) = TrainingBatch.Collate(patches, _device);
        Optimizer.ZeroGradients();
        var prediction = _model.call(condition, constraints);
        var output = _recipe.Compute(new LossBatch(prediction, dose, condition, present));
        output.Total.backward();
        var values = LossValues.ToNumbers(output.Logged);
        var norm = ClipGradientNorm(GradientClipNorm);
        values["grad_norm"] = norm;

        // A non-finite loss or gradient would turn every weight into NaN for good; skip that update and report it
        // (libtorch 2.10's oneDNN backward can return garbage for channel counts that are not multiples of 16:
        // docs/torchsharp-notes.md).
        var finite = double.IsFinite(norm) && double.IsFinite(values["loss"]);
        values["skipped_step"] = finite ? 0 : 1;
        if (finite)
        {
            Optimizer.Step();
        }

        return values;
    }

    /// <summary>Scales all gradients so their total L2 norm is at most <paramref name="maxNorm"/>, as PyTorch's
    /// clip_grad_norm_ does (factor maxNorm / (norm + 1e-6), applied only when it is below 1); returns the norm before.</summary>
    private double ClipGradientNorm(double maxNorm)
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var gradients = Optimizer.Parameters.Select(p => p.grad).OfType<Tensor>().ToList();
        if (gradients.Count == 0)
        {
            return 0;
        }

        var squares = gradients.Select(g => g.square().sum()).ToList();
        var total = Math.Sqrt(stack(squares).sum().to(ScalarType.Float64).item<double>());
        var factor = maxNorm / (total + 1e-6);
        if (factor < 1)
        {
            foreach (var gradient in gradients)
            {
                gradient.TimesInPlace(factor);
            }
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose() => Optimizer.Dispose();
}
