using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// What every loss term sees for one batch. Shapes: prediction and target (B, 1, Y, X, Z) in normalised dose;
/// condition (B, 1 + C, Y, X, Z) = [CT, SDF0 … SDF(C-1)]; present (B, C) bool, true where the case has the structure
/// (decided by its mask, so an absent structure's SDF, +1 or the v2.4 0.0, never counts as a boundary).
/// </summary>
/// <param name="Prediction">The model's output.</param>
/// <param name="Target">Ground-truth dose.</param>
/// <param name="Condition">The model's input.</param>
/// <param name="Present">Structure presence per sample.</param>
public sealed record LossBatch(Tensor Prediction, Tensor Target, Tensor Condition, Tensor Present)
{
    /// <summary>Inside-mask of structure channel <paramref name="channel"/>: SDF &lt; 0, as the reference's losses.</summary>
    public Tensor Inside(int channel) => Condition[.., channel + 1].unsqueeze(1).LessThan(0);

    /// <summary>Signed distance (normalised) of structure channel <paramref name="channel"/>, (B, 1, Y, X, Z).</summary>
    public Tensor Sdf(int channel) => Condition[.., channel + 1].unsqueeze(1);

    /// <summary>(B, 1, 1, 1, 1) bool: whether each sample has structure <paramref name="channel"/>.</summary>
    public Tensor IsPresent(int channel) => Present[.., channel].view(-1, 1, 1, 1, 1);
}
