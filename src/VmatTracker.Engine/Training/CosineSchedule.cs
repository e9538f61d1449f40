namespace VmatTracker.Engine.Training;

/// <summary>
/// Cosine annealing stepped once per epoch (reference-spec 5.1): lr(e) = η_min + (lr₀ − η_min)·(1 + cos(π·e/T))/2,
/// with T the maximum epoch count and η_min = 1e-6.
/// </summary>
public static class CosineSchedule
{
    /// <summary>The reference's floor.</summary>
    public const double MinimumLearningRate = 1e-6;

    /// <summary>The learning rate for 0-based <paramref name="epoch"/>.</summary>
    public static double LearningRate(int epoch, int maxEpochs, double initial, double minimum = MinimumLearningRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxEpochs, 1);
        var progress = Math.Clamp((double)epoch / maxEpochs, 0.0, 1.0);
        return minimum + ((initial - minimum) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
