using TorchSharp;
using VmatTracker.Engine.Training;

namespace VmatTracker.Tests.Engine;

public sealed class DeviceSelectorTests
{
    [Fact]
    public void Select_Cpu_ReturnsCpuWithLibtorchVersion()
    {
        // Act
        var device = DeviceSelector.Select("cpu");

        // Assert
        Assert.Equal("cpu", device.Name);
        Assert.False(device.IsCuda);
        Assert.StartsWith("2.10", device.TorchVersion, StringComparison.Ordinal);
        Assert.Null(device.Problem);
    }

    [Fact]
    public void Select_UnknownPreference_NamesTheChoices()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => DeviceSelector.Select("tpu"));

        // Assert
        Assert.Contains("auto, cpu or cuda", error.Message, StringComparison.Ordinal);
        Assert.Contains("'tpu'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_CudaWithoutGpu_ExplainsTheBuildProperty()
    {
        // Arrange
        if (torch.cuda.is_available())
        {
            Assert.Skip("This machine has a CUDA device.");
        }

        // Act
        var error = Assert.Throws<ArgumentException>(() => DeviceSelector.Select("cuda"));

        // Assert
        Assert.Contains("VmatTorchBackend=cuda", error.Message, StringComparison.Ordinal);
    }
}
