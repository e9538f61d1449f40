using TorchSharp;

namespace VmatTracker.Engine.Training;

/// <summary>Chooses the device once: CUDA when libtorch sees a GPU (unless CPU is asked for), else CPU.</summary>
public static class DeviceSelector
{
    /// <summary>Picks the device for <paramref name="preference"/>: "auto" (default), "cpu" or "cuda".</summary>
    /// <exception cref="ArgumentException">An unknown preference, or "cuda" on a machine without CUDA.</exception>
    public static ComputeDevice Select(string? preference = "auto")
    {
        var wanted = string.IsNullOrWhiteSpace(preference) ? "auto" : preference.Trim().ToLowerInvariant();
        if (wanted is not ("auto" or "cpu" or "cuda"))
        {
            throw new ArgumentException($"device must be auto, cpu or cuda, not '{preference}'", nameof(preference));
        }

        var cudaCount = torch.cuda.is_available() ? torch.cuda.device_count() : 0;
        if (wanted == "cuda" && cudaCount == 0)
        {
            throw new ArgumentException(
                "device cuda was asked for, but libtorch sees no CUDA device (is this a CPU build? build with -p:VmatTorchBackend=cuda)",
                nameof(preference));
        }

        var useCuda = cudaCount > 0 && wanted != "cpu";
        return new ComputeDevice(useCuda ? "cuda:0" : "cpu", useCuda, cudaCount, torch.__version__, torch.get_num_threads());
    }

    /// <summary>Like <see cref="Select"/> with "auto", but reports a libtorch that cannot load instead of throwing.</summary>
    public static ComputeDevice Probe()
    {
        try
        {
            return Select("auto");
        }
        catch (Exception ex) when (ex is TypeInitializationException or DllNotFoundException or NotSupportedException)
        {
            return new ComputeDevice("none", false, 0, "?", 0, (ex.InnerException ?? ex).Message);
        }
    }
}
