namespace VmatTracker.Data.Recording;

/// <summary>
/// What the compute stack reports (the Engine's DeviceSelector knows these; Data cannot reference the Engine, so the
/// caller passes them as plain values).
/// </summary>
/// <param name="TorchSharpVersion">TorchSharp (or PyTorch) version.</param>
/// <param name="LibTorchVersion">libtorch version.</param>
/// <param name="Device">Device, e.g. <c>cpu</c> or <c>cuda:0</c>.</param>
/// <param name="GpuName">GPU name.</param>
/// <param name="GpuMemoryBytes">GPU memory.</param>
/// <param name="CudaVersion">CUDA version.</param>
public sealed record ComputeInfo(string? TorchSharpVersion = null, string? LibTorchVersion = null,
    string? Device = null, string? GpuName = null, long? GpuMemoryBytes = null, string? CudaVersion = null);
