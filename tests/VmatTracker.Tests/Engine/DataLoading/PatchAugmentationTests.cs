using VmatTracker.Engine.DataLoading;

namespace VmatTracker.Tests.Engine.DataLoading;

public sealed class PatchAugmentationTests
{
    private static TrainingPatch Numbered(VolumeShape shape, int channels)
    {
        var n = shape.VoxelCount;
        return new TrainingPatch
        {
            CaseId = "t",
            Shape = shape,
            Condition = [.. Enumerable.Range(0, (1 + channels) * n).Select(i => (float)i)],
            Dose = [.. Enumerable.Range(0, n).Select(i => (float)(-i))],
            Constraints = [1f],
            Present = [.. Enumerable.Range(0, channels).Select(c => c != 1)],
        };
    }

    [Fact]
    public void FlipLeftRight_MirrorsTheXAxisAndSwapsFemurs()
    {
        // Arrange: channels 0 and 1 stand for Femur_L and Femur_R
        var shape = new VolumeShape(2, 3, 4);
        var patch = Numbered(shape, 2);
        var original = Numbered(shape, 2);
        var n = shape.VoxelCount;

        // Act
        PatchAugmentation.FlipLeftRight(patch, (0, 1));

        // Assert: x → X − 1 − x on the X axis (array axis 1), never on Y
        Assert.Equal(original.Dose[shape.IndexOf(1, 2, 3)], patch.Dose[shape.IndexOf(1, 0, 3)]);
        Assert.Equal(original.Condition[shape.IndexOf(0, 0, 1)], patch.Condition[shape.IndexOf(0, 2, 1)]);
        Assert.Equal(original.Condition[(2 * n) + shape.IndexOf(0, 0, 0)], patch.Condition[n + shape.IndexOf(0, 2, 0)]);
        Assert.Equal(original.Condition[n + shape.IndexOf(1, 1, 2)], patch.Condition[(2 * n) + shape.IndexOf(1, 1, 2)]);
        Assert.Equal([false, true], patch.Present);
    }

    [Fact]
    public void FlipLeftRight_Twice_IsIdentity()
    {
        // Arrange
        var shape = new VolumeShape(3, 5, 2);
        var patch = Numbered(shape, 3);

        // Act
        PatchAugmentation.FlipLeftRight(patch, (1, 2));
        PatchAugmentation.FlipLeftRight(patch, (1, 2));

        // Assert
        Assert.Equal(Numbered(shape, 3).Condition, patch.Condition);
        Assert.Equal(Numbered(shape, 3).Present, patch.Present);
    }

    [Fact]
    public void Translate_OneAlongX_MovesContentAndRepeatsTheEdge()
    {
        // Arrange
        var shape = new VolumeShape(2, 4, 3);
        var data = Enumerable.Range(0, shape.VoxelCount).Select(i => (float)i).ToArray();
        var original = (float[])data.Clone();

        // Act
        PatchAugmentation.Translate(data, 0, shape, (0, 1, 0));

        // Assert
        Assert.Equal(original[shape.IndexOf(1, 0, 2)], data[shape.IndexOf(1, 1, 2)]);
        Assert.Equal(original[shape.IndexOf(1, 2, 2)], data[shape.IndexOf(1, 3, 2)]);
        Assert.Equal(original[shape.IndexOf(1, 0, 2)], data[shape.IndexOf(1, 0, 2)]);
    }

    [Fact]
    public void RotateAboutZ_ZeroAngle_IsIdentity_ConstantStaysConstant()
    {
        // Arrange
        var shape = new VolumeShape(8, 8, 2);
        var ramp = Enumerable.Range(0, shape.VoxelCount).Select(i => (float)i).ToArray();
        var constant = Enumerable.Repeat(0.7f, shape.VoxelCount).ToArray();
        var original = (float[])ramp.Clone();

        // Act
        PatchAugmentation.RotateAboutZ(ramp, 0, shape, 0.0);
        PatchAugmentation.RotateAboutZ(constant, 0, shape, 5 * Math.PI / 180);

        // Assert
        Assert.Equal(original, ramp);
        Assert.All(constant, v => Assert.Equal(0.7f, v, 5));
    }

    [Fact]
    public void Apply_SameSeed_SameResult_ChangesSomething()
    {
        // Arrange
        var shape = new VolumeShape(8, 8, 8);
        var a = Numbered(shape, 2);
        var b = Numbered(shape, 2);

        // Act
        for (var i = 0; i < 3; i++)
        {
            new PatchAugmentation(7, (0, 1)).Apply(a);
            new PatchAugmentation(7, (0, 1)).Apply(b);
        }

        // Assert
        Assert.Equal(a.Condition, b.Condition);
        Assert.NotEqual(Numbered(shape, 2).Dose, a.Dose);
    }
}
