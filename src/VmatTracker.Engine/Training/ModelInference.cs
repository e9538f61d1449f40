using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Inference;
using VmatTracker.Engine.Models;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>Whole-volume prediction with a trained model: the sliding window of reference-spec 2.4 (H: overlap
/// patch/2, Gaussian blending, clamp to [0, 1.5]) over the model in eval mode without gradients.</summary>
public static class ModelInference
{
    /// <summary>Predicts normalised dose for every voxel of <paramref name="volume"/>.</summary>
    public static float[] PredictVolume(BaselineUNet3D model, CaseVolume volume, int patchSize, Device device,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(volume);
        var input = SlidingWindowInference.BuildInput(volume);
        var channels = 1 + volume.ChannelCount;
        var constraints = volume.Constraints;
        var wasTraining = model.training;
        model.eval();
        try
        {
            return SlidingWindowInference.Predict(input, channels, volume.Shape, Predictor(model, channels, patchSize, constraints, device),
                new SlidingWindowOptions { PatchSize = patchSize }, cancellationToken);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>A patch predictor for the sliding window: (batch, C, P, P, P) floats in, (batch, 1, P, P, P) out.</summary>
    public static PatchPredictor Predictor(BaselineUNet3D model, int channels, int patchSize, float[] constraints, Device device) =>
        (patches, batch) =>
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            var x = tensor(patches, [batch, channels, patchSize, patchSize, patchSize]).to(device);
            var c = tensor(constraints, [1, constraints.Length]).to(device).expand(batch, constraints.Length);
            return model.call(x, c).cpu().data<float>().ToArray();
        };
}
