using TorchSharp;
using VmatTracker.Engine.Torch;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Losses;

/// <summary>
/// Differentiable DVH statistics over the voxels of a mask, for every sample of a batch at once (reference-spec 3.4).
/// Voxels are gathered as one flat tensor with their sample index, so a batch needs no per-sample loop.
/// </summary>
public static class SoftDvh
{
    /// <summary>
    /// The reference's soft D95, exactly: 100 Gaussian-assigned bins on [0, 1.5] (σ = half a bin), the high-dose-first
    /// cumulative fraction F, weights exp(−(F − 0.95)²/(2T²)) normalised, and their weighted bin centre. Biased (about
    /// 0.5 for a uniform 1.0 at T = 0.1, reference-spec 7.8) but monotone; kept for parity.
    /// </summary>
    /// <param name="values">Masked voxel values, (N).</param>
    /// <param name="sample">Sample index of each value, (N) int64.</param>
    /// <param name="counts">Voxels per sample, (B).</param>
    /// <param name="temperature">T (0.1 in the reference).</param>
    /// <param name="bins">Bin count (100).</param>
    /// <param name="upper">Upper edge of the bins (1.5).</param>
    /// <returns>(B) soft D95 per sample (meaningless where a count is 0).</returns>
    public static Tensor SoftD95(Tensor values, Tensor sample, Tensor counts, double temperature, int bins = 100,
        double upper = 1.5)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        using var scope = NewDisposeScope();
        var width = upper / bins;
        using var binCount = ((long)bins).ToScalar();
        var centres = arange(binCount, dtype: values.dtype, device: values.device).Plus(0.5).Times(width);
        var z = (values.unsqueeze(1) - centres.unsqueeze(0)).DividedBy(width / 2);
        var assignment = z.square().Times(-0.5).exp();
        assignment = assignment / assignment.sum(1, keepdim: true).Plus(1e-8);
        var histogram = zeros([counts.shape[0], bins], dtype: values.dtype, device: values.device)
            .index_add(0, sample, assignment, ScalarSafeMath.One);
        var cumulative = histogram.flip(1).cumsum(1) / counts.to(values.dtype).AtLeast(1).unsqueeze(1);
        var weights = cumulative.Minus(0.95).square().DividedBy(-2 * temperature * temperature).exp();
        weights = weights / weights.sum(1, keepdim: true).Plus(1e-8);
        return (weights * centres.flip(0).unsqueeze(0)).sum(1).MoveToOuterDisposeScope();
    }

    /// <summary>Soft Vx: mean sigmoid((x − θ)/T) per sample.</summary>
    public static Tensor SoftVolumeAbove(Tensor values, Tensor sample, Tensor counts, double threshold, double temperature)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        using var scope = NewDisposeScope();
        return (SumPerSample(values.Minus(threshold).DividedBy(temperature), sample, counts, sigmoid: true)
                / counts.to(values.dtype).AtLeast(1)).MoveToOuterDisposeScope();
    }

    /// <summary>Mean value per sample.</summary>
    public static Tensor MeanPerSample(Tensor values, Tensor sample, Tensor counts)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(counts);
        using var scope = NewDisposeScope();
        return (SumPerSample(values, sample, counts, sigmoid: false) / counts.to(values.dtype).AtLeast(1))
            .MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Gathers the voxels of <paramref name="volume"/> (B, 1, Y, X, Z) where <paramref name="mask"/> holds, with their
    /// sample index and the count per sample.
    /// </summary>
    public static (Tensor Values, Tensor Sample, Tensor Counts) Gather(Tensor volume, Tensor mask)
    {
        ArgumentNullException.ThrowIfNull(volume);
        ArgumentNullException.ThrowIfNull(mask);
        var batch = volume.shape[0];
        var flatMask = mask.reshape(batch, -1);
        var positions = flatMask.nonzero();
        var sample = positions[.., 0];
        var values = volume.reshape(batch, -1)[flatMask];
        var counts = flatMask.sum(1);
        return (values, sample, counts);
    }

    private static Tensor SumPerSample(Tensor values, Tensor sample, Tensor counts, bool sigmoid) =>
        zeros(counts.shape[0], dtype: values.dtype, device: values.device)
            .index_add(0, sample, sigmoid ? values.sigmoid() : values, ScalarSafeMath.One);
}
