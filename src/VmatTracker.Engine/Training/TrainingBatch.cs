using VmatTracker.Engine.DataLoading;
using static TorchSharp.torch;

namespace VmatTracker.Engine.Training;

/// <summary>Stacks patches into the tensors a step needs: condition (B, 1+C, …), dose (B, 1, …), constraints
/// (B, K) and presence (B, C).</summary>
public static class TrainingBatch
{
    /// <summary>Builds the batch on <paramref name="device"/>; every patch must have the same shape and channels.</summary>
    public static (Tensor Condition, Tensor Dose, Tensor Constraints, Tensor Present) Collate(
        IReadOnlyList<TrainingPatch> patches, Device device)
    {
        ArgumentNullException.ThrowIfNull(patches);
        ArgumentOutOfRangeException.ThrowIfZero(patches.Count);
        var first = patches[0];
        var shape = first.Shape;
        long b = patches.Count, c = first.ChannelCount, k = first.Constraints.Length;
        if (patches.Any(p => p.Shape != shape || p.ChannelCount != c || p.Constraints.Length != k))
        {
            throw new ArgumentException("Patches of one batch must share shape, channels and constraint length.", nameof(patches));
        }

        var condition = patches.SelectMany(p => p.Condition).ToArray();
        var dose = patches.SelectMany(p => p.Dose).ToArray();
        var constraints = patches.SelectMany(p => p.Constraints).ToArray();
        var present = patches.SelectMany(p => p.Present).ToArray();
        return (Owned(tensor(condition, [b, 1 + c, shape.Y, shape.X, shape.Z]), device),
            Owned(tensor(dose, [b, 1, shape.Y, shape.X, shape.Z]), device),
            Owned(tensor(constraints, [b, k]), device),
            Owned(tensor(present, [b, c]), device));
    }

    // torch.tensor(array, shape) can borrow the managed array's memory; the batch must own its storage, so copy it
    // (on CPU, .to(device) would hand back the same borrowed tensor).
    private static Tensor Owned(Tensor borrowed, Device device)
    {
        using (borrowed)
        {
            return borrowed.to(device).clone();
        }
    }
}
