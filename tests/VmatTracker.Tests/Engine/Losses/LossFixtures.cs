using VmatTracker.Engine.Losses;
using VmatTracker.Engine.Sites;
using static TorchSharp.torch;

namespace VmatTracker.Tests.Engine.Losses;

/// <summary>Small hand-made batches: 8 prostate channels, every SDF +1 (absent/far) unless a test sets it.</summary>
internal static class LossFixtures
{
    public const int Channels = 8;

    public static StructureRoles Roles => StructureRoles.For(SiteCatalog.Default, Channels);

    /// <summary>A (B, 1 + 8, n, n, n) condition with CT 0.5 and every SDF +1.</summary>
    public static Tensor Condition(int batch, int n, ScalarType dtype = ScalarType.Float64)
    {
        var condition = ones([batch, 1 + Channels, n, n, n], dtype: dtype);
        condition[.., 0] = tensor(0.5, dtype: dtype);
        return condition;
    }

    /// <summary>Marks the first <paramref name="count"/> voxels (C order) of sample b as inside channel c (SDF −0.5).</summary>
    public static void SetInside(Tensor condition, int sample, int channel, int count)
    {
        var flat = condition[sample, channel + 1].view(-1);
        flat[TensorIndex.Slice(0, count)] = tensor(-0.5, dtype: condition.dtype);
    }

    public static Tensor Presence(Tensor condition) =>
        condition[.., 1..].lt(0).flatten(2).any(2);

    public static double Item(Tensor t) => t.to(ScalarType.Float64).item<double>();
}
