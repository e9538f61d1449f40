using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.Phantoms;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Tests.Engine.Phantoms;

public sealed class PhantomAnatomyTests
{
    private const int Ptv70 = 0;
    private const int Ptv56 = 1;
    private const int Prostate = 2;
    private const int Rectum = 3;
    private const int Bladder = 4;
    private const int FemurL = 5;
    private const int FemurR = 6;

    public static TheoryData<ulong> Seeds => [1, 2, 3, 4, 5];

    public static TheoryData<int, int, int, double, double, double> SmallGrids => new()
    {
        { 32, 32, 32, 8, 8, 8 },
        { 32, 32, 32, 4, 4, 4 },
        { 32, 32, 32, 2, 2, 3 },
        { 32, 32, 32, 1, 1, 2 },
    };

    [Theory]
    [MemberData(nameof(SmallGrids))]
    public void Generate_ThirtyTwoCube_EveryStructurePresent(int y, int x, int z, double sy, double sx, double sz)
    {
        // Arrange
        var options = new PhantomOptions { Shape = new VolumeShape(y, x, z), Spacing = new VoxelSpacing(sy, sx, sz) };

        // Act
        var volume = PhantomCases.Get(options, 3);

        // Assert
        Assert.Equal(8, volume.ChannelCount);
        for (var c = 0; c < volume.ChannelCount; c++)
        {
            Assert.True(volume.IsStructurePresent(c), $"channel {c} is empty");
        }

        Assert.Empty(volume.Metadata.AbsentStructures);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_AnyCase_OrientationFollowsContract(ulong seed)
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, seed);

        // Assert: X grows to patient left, Y posterior, Z superior.
        var prostate = PhantomCases.Centroid(volume, Prostate);
        Assert.True(PhantomCases.Centroid(volume, FemurL).X > prostate.X);
        Assert.True(PhantomCases.Centroid(volume, FemurR).X < prostate.X);
        Assert.True(PhantomCases.Centroid(volume, Rectum).Y > prostate.Y);
        var bladder = PhantomCases.Centroid(volume, Bladder);
        Assert.True(bladder.Z > prostate.Z);
        Assert.True(bladder.Y < prostate.Y);
        var elective = PhantomCases.Centroid(volume, Ptv56);
        Assert.True(elective.Z > prostate.Z && elective.Y > prostate.Y, "seminal vesicles lie superior-posterior");
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Generate_AnyCase_SdfNegativeExactlyInsideMask(ulong seed)
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, seed);

        // Assert
        for (var c = 0; c < volume.ChannelCount; c++)
        {
            var mask = volume.MaskChannel(c);
            var sdf = volume.SdfChannel(c);
            for (var i = 0; i < mask.Length; i++)
            {
                Assert.InRange(sdf[i], -1f, 1f);
                Assert.Equal(mask[i] == 1, sdf[i] < 0);
            }
        }
    }

    [Fact]
    public void Generate_Default_TargetsNestAndProstateInsidePtv()
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, 2);

        // Assert
        var ptv70 = volume.MaskChannel(Ptv70);
        var ptv56 = volume.MaskChannel(Ptv56);
        var prostate = volume.MaskChannel(Prostate);
        for (var i = 0; i < ptv70.Length; i++)
        {
            Assert.True(ptv70[i] <= ptv56[i], "PTV70 lies inside PTV56");
            Assert.True(prostate[i] <= ptv70[i], "the prostate lies inside PTV70");
        }
    }

    [Fact]
    public void Generate_Default_ContractMetadataAndConstraints()
    {
        // Arrange / Act
        var volume = PhantomCases.Get(PhantomCases.Small, 1);

        // Assert
        var values = volume.Metadata.Values;
        Assert.Equal("prostate", volume.Metadata.Site);
        Assert.Equal(new VoxelSpacing(8, 8, 8), volume.Metadata.Spacing);
        Assert.Equal(SiteCatalog.Default.Channels.Take(8).Select(c => c.Name), volume.Metadata.StructureChannels!);
        Assert.Equal(50.0, (double)values["sdf_clip_mm"]!);
        Assert.Equal(70.0, (double)values["normalization_dose_gy"]!);
        Assert.Equal(70.0, (double)values["prescription_info"]!["primary_dose"]!);
        Assert.Equal("vmattracker-phantom", (string)values["generator"]!["name"]!);
        Assert.Equal(1UL, (ulong)values["generator"]!["seed"]!);
        Assert.Equal("phantom-1", (string)values["data_version"]!);
        Assert.Equal("[32,32,32]", values["volume_shape"]!.ToJsonString());
        Assert.Equal(13, volume.Constraints.Length);
        Assert.Equal([1f, 0.8f, 0f], volume.Constraints[..3]);
    }

    [Fact]
    public void Generate_NineChannels_Ptv504AbsentWithPlusOneSdf()
    {
        // Arrange
        var options = PhantomCases.Small with { ChannelCount = 9 };

        // Act
        var volume = PhantomCases.Get(options, 1);

        // Assert
        Assert.Equal(9, volume.ChannelCount);
        Assert.False(volume.IsStructurePresent(8));
        Assert.All(volume.SdfChannel(8).ToArray(), v => Assert.Equal(1f, v));
        Assert.Equal(["PTV50.4"], volume.Metadata.AbsentStructures);
        Assert.Equal("PTV50.4", volume.Metadata.StructureChannels![8]);
        Assert.Equal(0f, volume.Constraints[2]);
        Assert.Equal(PhantomCases.Get(PhantomCases.Small, 1).Dose, volume.Dose);
    }

    [Fact]
    public void GenerateCase_DatasetIndex_SameCaseWhateverTheDatasetSize()
    {
        // Arrange
        var options = PhantomCases.Small with { Seed = 99 };

        // Act
        var byIndex = PhantomGenerator.GenerateCase(3, options);
        var bySeed = PhantomGenerator.Generate("case_0003", PhantomGenerator.CaseSeed(99, 3), options);

        // Assert
        Assert.Equal("case_0003", byIndex.CaseId);
        Assert.Equal(bySeed.Dose, byIndex.Dose);
        Assert.NotEqual(PhantomGenerator.CaseSeed(99, 3), PhantomGenerator.CaseSeed(99, 4));
        Assert.NotEqual(PhantomGenerator.CaseSeed(99, 3), PhantomGenerator.CaseSeed(98, 3));
    }

    [Fact]
    public void GenerateDataset_TwoCases_SameAsGenerateCaseByIndex()
    {
        // Arrange
        var options = PhantomCases.Small with { Seed = -5 };

        // Act
        var cases = PhantomGenerator.GenerateDataset(2, options).ToList();

        // Assert
        Assert.Equal(["case_0000", "case_0001"], cases.Select(c => c.CaseId));
        Assert.Equal(PhantomGenerator.GenerateCase(1, options).Dose, cases[1].Dose);
        Assert.NotEqual(cases[0].Dose, cases[1].Dose);
    }

    [Fact]
    public void Generate_IntSeed_SameAsUnsignedSeed()
    {
        // Arrange / Act
        var fromInt = PhantomGenerator.Generate("x", 1, PhantomCases.Small);

        // Assert
        Assert.Equal(PhantomCases.Get(PhantomCases.Small, 1UL).Dose, fromInt.Dose);
    }

    [Fact]
    public void Validate_BadChannelCount_Throws()
    {
        // Arrange
        var options = new PhantomOptions { ChannelCount = 7 };

        // Act / Assert
        Assert.Throws<ArgumentOutOfRangeException>(options.Validate);
    }
}
