using TorchSharp;
using VmatTracker.Engine.Models;

namespace VmatTracker.Tests.Engine.Models;

/// <summary>The reference U-Net's known sizes and keys (reference-spec 2.2).</summary>
[Collection(TorchCollection.Name)]
public sealed class BaselineUNet3DTests
{
    [Theory]
    [InlineData(9, 23_732_801L)]
    [InlineData(10, 23_734_145L)]
    public void ParameterCount_Base48_MatchesReference(int inChannels, long expected)
    {
        // Act
        using var model = new BaselineUNet3D(inChannels, baseChannels: 48);

        // Assert
        Assert.Equal(expected, model.ParameterCount);
    }

    [Fact]
    public void ParameterCount_Base50_MatchesReferenceWiderVariant()
    {
        // Act: base 50 uses 5 groups (the largest divisor of 50 that is at most 8)
        using var model = new BaselineUNet3D(9, baseChannels: 50);

        // Assert
        Assert.Equal(25_711_677L, model.ParameterCount);
        Assert.Equal(5, ConvBlock3D.GroupCount(50));
    }

    [Fact]
    public void StateDictKeys_TinyModel_ArePinned()
    {
        // Arrange
        using var model = new BaselineUNet3D(9, baseChannels: 4);
        string[] stages = ["enc1", "enc2", "enc3", "enc4", "bottleneck", "dec4", "dec3", "dec2", "dec1"];
        var expected = new List<string> { "constraint_mlp.0.weight", "constraint_mlp.0.bias", "constraint_mlp.2.weight", "constraint_mlp.2.bias" };
        foreach (var stage in stages)
        {
            foreach (var part in new[] { "conv1", "norm1", "conv2", "norm2", "cond_mlp.1" })
            {
                expected.Add($"{stage}.{part}.weight");
                expected.Add($"{stage}.{part}.bias");
            }

            if (stage != "bottleneck")
            {
                expected.Add($"{stage}.residual.weight");
                expected.Add($"{stage}.residual.bias");
            }
        }

        expected.Add("out_conv.weight");
        expected.Add("out_conv.bias");

        // Act
        var keys = model.state_dict().Keys.ToList();

        // Assert: same set; a rename breaks every saved checkpoint, so it must fail here first
        Assert.Equal(expected.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void GroupNormParameters_NewModel_StartAtOneAndZeroLikePyTorch()
    {
        // Arrange: TorchSharp 0.107 leaves them uninitialised; the block must set them
        using var model = new BaselineUNet3D(9, baseChannels: 8);

        // Act
        var norms = model.named_parameters().Where(p => p.name.Contains(".norm", StringComparison.Ordinal)).ToList();

        // Assert
        Assert.Equal(9 * 2 * 2, norms.Count);
        Assert.All(norms.Where(p => p.name.EndsWith("weight", StringComparison.Ordinal)), p => Assert.True(p.parameter.eq(1).all().item<bool>(), p.name));
        Assert.All(norms.Where(p => p.name.EndsWith("bias", StringComparison.Ordinal)), p => Assert.True(p.parameter.eq(0).all().item<bool>(), p.name));
    }

    [Fact]
    public void Forward_TinyModel_KeepsSpatialShapeWithOneChannel()
    {
        // Arrange
        torch.manual_seed(1);
        using var model = new BaselineUNet3D(9, baseChannels: 4);
        using var input = torch.randn([2L, 9, 16, 16, 32]);
        using var constraints = torch.rand(2, 13);

        // Act
        using var output = model.call(input, constraints);

        // Assert
        Assert.Equal([2L, 1, 16, 16, 32], output.shape);
        Assert.True(output.isfinite().all().item<bool>(), $"nan {output.isnan().sum().item<long>()} inf {output.isinf().sum().item<long>()} of {output.numel()}; input nan {input.isnan().sum().item<long>()}");
    }
}
