using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.DataLoading;

public sealed class PatchSamplerTests
{
    private static readonly Lazy<CaseVolume> s_case = new(() => PhantomGenerator.Generate("p", 11,
        new PhantomOptions { Shape = new VolumeShape(32, 32, 32), Spacing = new VoxelSpacing(8, 8, 8) }));

    [Theory]
    [InlineData(128, 128, 64, 65)]
    [InlineData(300, 128, 64, 236)]
    [InlineData(160, 128, 64, 96)]
    [InlineData(20, 32, 10, 11)]
    public void CentreRange_ReferenceRule_ClampedForShortAxes(int dim, int patch, int low, int high)
    {
        // Act / Assert
        Assert.Equal((low, high), PatchSampler.CentreRange(dim, patch));
    }

    [Fact]
    public void Extract_CentredPatch_CopiesTheRightVoxelsOfEveryChannel()
    {
        // Arrange
        var volume = s_case.Value;
        var patch = new VolumeShape(16, 16, 16);

        // Act
        var sample = PatchSampler.Extract(volume, (16, 16, 16), patch);

        // Assert: patch (0, 0, 0) is volume (8, 8, 8); patch (15, 3, 7) is volume (23, 11, 15)
        Assert.Equal(volume.Ct[volume.Shape.IndexOf(8, 8, 8)], sample.Condition[0]);
        Assert.Equal(volume.Dose[volume.Shape.IndexOf(23, 11, 15)], sample.Dose[patch.IndexOf(15, 3, 7)]);
        var sdf3 = volume.SdfChannel(3)[volume.Shape.IndexOf(23, 11, 15)];
        Assert.Equal(sdf3, sample.Condition[(4 * patch.VoxelCount) + patch.IndexOf(15, 3, 7)]);
        Assert.All(sample.Present, Assert.True);
        Assert.Equal(volume.Constraints, sample.Constraints);
    }

    [Fact]
    public void Sample_PatchLargerThanVolume_PadsWithAirFarAndZeroDose()
    {
        // Arrange
        var sampler = new PatchSampler(new VolumeShape(48, 32, 32), seed: 1);

        // Act
        var sample = sampler.Sample(s_case.Value);

        // Assert: Y is 16 voxels short, padded 8 on each side; the first padded row is air, far and dose-free
        var patch = sample.Shape;
        Assert.Equal(PatchSampler.AirCt, sample.Condition[patch.IndexOf(0, 5, 5)]);
        Assert.Equal(1f, sample.Condition[patch.VoxelCount + patch.IndexOf(0, 5, 5)]);
        Assert.Equal(0f, sample.Dose[patch.IndexOf(0, 5, 5)]);
        Assert.Equal(s_case.Value.Ct[s_case.Value.Shape.IndexOf(0, 0, 0)], sample.Condition[patch.IndexOf(8, 0, 0)]);
    }

    [Fact]
    public void Sample_ManyPatches_AtLeastHalfCentredInHighDose()
    {
        // Arrange: a fixed seed, so the count is the same every run
        var sampler = new PatchSampler(new VolumeShape(16, 16, 16), seed: 5);
        var centre = new VolumeShape(16, 16, 16).IndexOf(8, 8, 8);

        // Act
        var high = Enumerable.Range(0, 200).Count(_ => sampler.Sample(s_case.Value).Dose[centre] > PatchSampler.HighDoseThreshold);

        // Assert: half the draws choose a high-dose centre, and some uniform draws land there too
        Assert.InRange(high, 100, 200);
    }

    [Fact]
    public void Sample_SameSeed_SamePatches()
    {
        // Arrange
        var a = new PatchSampler(new VolumeShape(16, 16, 16), seed: 9);
        var b = new PatchSampler(new VolumeShape(16, 16, 16), seed: 9);

        // Act / Assert
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(a.Sample(s_case.Value).Dose, b.Sample(s_case.Value).Dose);
        }
    }
}
