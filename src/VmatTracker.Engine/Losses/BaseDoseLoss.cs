using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>The always-on terms (reference-spec 3.1): MSE, and mean(ReLU(−prediction)) added with weight 0.1.</summary>
public static class BaseDoseLoss
{
    /// <summary>The weight of the negative-dose penalty, outside any uncertainty weighting.</summary>
    public const double NegativePenaltyWeight = 0.1;

    /// <summary>Mean squared error over every voxel of the batch.</summary>
    public static Tensor Mse(Tensor prediction, Tensor target) => nn.functional.mse_loss(prediction, target);

    /// <summary>mean(ReLU(−prediction)): pushes predictions away from negative dose.</summary>
    public static Tensor NegativePenalty(Tensor prediction) => nn.functional.relu(prediction.neg()).mean();
}
