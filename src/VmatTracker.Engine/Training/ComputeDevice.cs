namespace VmatTracker.Engine.Training;

/// <summary>The device training runs on, described in plain values (tensors never leave the Engine).</summary>
/// <param name="Name">TorchSharp's device string: "cpu" or "cuda:0".</param>
/// <param name="IsCuda">True for an NVIDIA GPU.</param>
/// <param name="CudaDeviceCount">GPUs visible to libtorch.</param>
/// <param name="TorchVersion">libtorch's version, e.g. 2.10.0.</param>
/// <param name="Threads">CPU threads libtorch uses.</param>
/// <param name="Problem">Why libtorch could not be loaded, or null when it loaded.</param>
public sealed record ComputeDevice(string Name, bool IsCuda, int CudaDeviceCount, string TorchVersion, int Threads,
    string? Problem = null)
{
    /// <inheritdoc />
    public override string ToString() => Problem is null
        ? $"{Name} (libtorch {TorchVersion}, {Threads} CPU threads, {CudaDeviceCount} CUDA devices)"
        : $"unavailable: {Problem}";
}
