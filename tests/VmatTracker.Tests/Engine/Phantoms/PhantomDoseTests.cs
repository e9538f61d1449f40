using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;

namespace VmatTracker.Tests.Engine.Phantoms;

public sealed class PhantomDoseTests
{
    private const int Ptv70 = 0;
    private const int Rectum = 3;

    // Normalised CT of air (-1000 HU): everything outside the body.
    private const float AirCt = 0.25f;

    public static TheoryData<ulong> SmallSeeds => [1, 2, 3, 4, 5];

    [Theory]
    [MemberData(nameof(SmallSeeds))]
    public void Generate_SmallGrid_PlanMeetsClinicalShape(ulong seed)
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, seed);

        // Assert
        AssertPlausiblePlan(volume);
    }

    [Fact]
    public void Generate_FullGrid_PlanMeetsClinicalShape()
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Full, 7);

        // Assert
        AssertPlausiblePlan(volume);
    }

    [Fact]
    public void Generate_AnisotropicSpacing_PlanMeetsClinicalShape()
    {
        // Arrange
        var options = new PhantomOptions { Shape = new VolumeShape(40, 36, 24), Spacing = new VoxelSpacing(6, 7, 9) };

        // Act
        var volume = PhantomCases.Get(options, 11);

        // Assert
        AssertPlausiblePlan(volume);
        Assert.Equal(new VoxelSpacing(6, 7, 9), volume.Spacing);
    }

    [Theory]
    [MemberData(nameof(SmallSeeds))]
    public void Generate_SmallGrid_DoseIsZeroOutsideBodyAndBounded(ulong seed)
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, seed);

        // Assert
        var outside = 0;
        for (var i = 0; i < volume.Dose.Length; i++)
        {
            Assert.InRange(volume.Dose[i], 0f, 1.5f);
            if (volume.Ct[i] == AirCt)
            {
                outside++;
                Assert.Equal(0f, volume.Dose[i]);
            }
        }

        Assert.True(outside > 0, "the field of view should contain air around the body");
    }

    [Fact]
    public void Generate_SameSeed_IdenticalArrays()
    {
        // Arrange / Act: generated twice, bypassing the cache.
        var first = PhantomGenerator.Generate("a", 42, PhantomCases.Small);
        var second = PhantomGenerator.Generate("a", 42, PhantomCases.Small);

        // Assert
        Assert.Equal(first.Ct, second.Ct);
        Assert.Equal(first.Dose, second.Dose);
        Assert.Equal(first.Masks, second.Masks);
        Assert.Equal(first.Sdf, second.Sdf);
    }

    [Fact]
    public void Generate_DifferentSeeds_DifferentArrays()
    {
        // Arrange / Act
        var first = PhantomCases.Get(PhantomCases.Small, 1);
        var second = PhantomCases.Get(PhantomCases.Small, 2);

        // Assert
        Assert.NotEqual(first.Ct, second.Ct);
        Assert.NotEqual(first.Dose, second.Dose);
        Assert.NotEqual(first.Masks, second.Masks);
    }

    private static void AssertPlausiblePlan(CaseVolume volume)
    {
        var ptv70 = PhantomCases.DoseGyInside(volume, Ptv70);
        var rectum = PhantomCases.DoseGyInside(volume, Rectum);
        Assert.InRange(PhantomCases.Lower(ptv70, 5), 69.5, 70.5);
        Assert.InRange(PhantomCases.Lower(ptv70, 98), 70.0, 77.0);
        Assert.InRange(rectum.Average(), 25.0, 50.0);
        Assert.InRange(volume.Dose.Max(), 0.9f, 1.5f);
    }
}
