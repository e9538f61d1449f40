using TorchSharp;

namespace VmatTracker.Tests.Engine;

/// <summary>Fails loudly when TorchSharp's natives cannot load (e.g. a TorchSharp bump that the loader fix misses).</summary>
public sealed class TorchSharpSmokeTests
{
    [Fact]
    public void OnesSum_ThreeByThree_IsNine()
    {
        // Arrange
        using var ones = torch.ones(3, 3);

        // Act
        using var sum = ones.sum();

        // Assert
        Assert.Equal(9f, sum.item<float>());
        Assert.Equal(DeviceType.CPU, sum.device_type);
    }
}
