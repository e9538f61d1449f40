using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Tests.Engine.DataLoading;

/// <summary>The one parser behind every shape and spacing option (CLI flags and web settings).</summary>
public sealed class AxisParsingTests
{
    [Theory]
    [InlineData("64,64,48", 64, 64, 48)]
    [InlineData(" 32 ", 32, 32, 32)]
    public void VolumeShapeTryParse_ValidText_GivesYXZ(string text, int y, int x, int z)
    {
        // Act
        var ok = VolumeShape.TryParse(text, out var shape);

        // Assert
        Assert.True(ok);
        Assert.Equal(new VolumeShape(y, x, z), shape);
    }

    [Theory]
    [InlineData("64,abc,48")]
    [InlineData("64,64")]
    [InlineData("64,64,48.5")]
    [InlineData("0,64,48")]
    [InlineData("")]
    [InlineData(null)]
    public void VolumeShapeTryParse_BadText_Fails(string? text)
    {
        // Act / Assert
        Assert.False(VolumeShape.TryParse(text, out _));
    }

    [Theory]
    [InlineData("1,1,2", 1, 1, 2)]
    [InlineData("2.5", 2.5, 2.5, 2.5)]
    public void VoxelSpacingTryParse_ValidText_GivesYXZ(string text, double y, double x, double z)
    {
        // Act
        var ok = VoxelSpacing.TryParse(text, out var spacing);

        // Assert
        Assert.True(ok);
        Assert.Equal(new VoxelSpacing(y, x, z), spacing);
    }

    [Theory]
    [InlineData("4,-4,4")]
    [InlineData("4,NaN,4")]
    [InlineData("4,4,4,4")]
    public void VoxelSpacingTryParse_BadText_Fails(string text)
    {
        // Act / Assert
        Assert.False(VoxelSpacing.TryParse(text, out _));
    }
}
