using System.Text.Json.Nodes;
using VmatTracker.Engine.DataLoading;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Tests.Infrastructure;

namespace VmatTracker.Tests.Engine.DataLoading;

public sealed class CaseFileTests
{
    [Fact]
    public void WriteThenRead_SyntheticCase_GivesBackEveryArrayAndTheMetadata()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = dir.File("case_0010.npz");
        var volume = TestCases.Make("ignored_id", new VolumeShape(6, 5, 4), 9);

        // Act
        CaseFile.Write(path, volume);
        var read = CaseFile.Read(path);

        // Assert
        Assert.Equal("case_0010", read.CaseId);
        Assert.Equal(volume.Shape, read.Shape);
        Assert.Equal(9, read.ChannelCount);
        Assert.Equal(volume.Ct, read.Ct);
        Assert.Equal(volume.Dose, read.Dose);
        Assert.Equal(volume.Masks, read.Masks);
        Assert.Equal(volume.Sdf, read.Sdf);
        Assert.Equal(volume.Constraints, read.Constraints);
        Assert.True(JsonNode.DeepEquals(volume.Metadata.Values, read.Metadata.Values));
        Assert.Equal(new VoxelSpacing(1.2, 1.2, 2.5), read.Spacing);
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public void ReadMetadataOnly_WrittenCase_GivesShapesAndMetadataAndListsExtraMembers()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = CaseNpzBuilder.Valid().Set("beam0_mlc_a", NpyArray.Create(new float[6], 2, 3))
            .WriteTo(dir.File("case_0011.npz"));

        // Act
        var summary = CaseFile.ReadMetadataOnly(path);

        // Assert
        Assert.Equal("case_0011", summary.CaseId);
        Assert.Equal(new VolumeShape(2, 3, 4), summary.Shape);
        Assert.Equal(2, summary.ChannelCount);
        Assert.Equal(13, summary.ConstraintCount);
        Assert.Equal(new VoxelSpacing(1, 1, 2), summary.Metadata.Spacing);
        Assert.Contains("beam0_mlc_a", summary.Members);
    }

    [Fact]
    public void Read_BothMetadataKeys_PrefersMetadataJson()
    {
        // Arrange: the pickled copy says target spacing (1, 1, 2); the JSON says voxel spacing (1, 1, 2) too,
        // so the source, not the value, tells which one was used.
        using var dir = new TempFolder();
        var path = CaseNpzBuilder.Valid()
            .SetHeaderAndBody("metadata", new NpyHeader(NpyDtype.Object, false, []),
                System.Text.Encoding.ASCII.GetBytes("(dp0\nS'target_spacing_mm'\np1\n(I1\nI1\nI2\ntp2\ns."))
            .WriteTo(dir.File("case_0012.npz"));

        // Act
        var read = CaseFile.Read(path);

        // Assert
        Assert.Equal(SpacingSource.VoxelSpacingMm, read.Metadata.SpacingSource);
    }

    [Fact]
    public void Read_OnlyPickledMetadata_UsesIt()
    {
        // Arrange
        using var dir = new TempFolder();
        var path = CaseNpzBuilder.Valid().Remove("metadata_json")
            .SetHeaderAndBody("metadata", new NpyHeader(NpyDtype.Object, false, []),
                System.Text.Encoding.ASCII.GetBytes("(dp0\nS'target_spacing_mm'\np1\n(I1\nI1\nI3\ntp2\ns."))
            .WriteTo(dir.File("case_0013.npz"));

        // Act
        var read = CaseFile.Read(path);

        // Assert
        Assert.Equal(SpacingSource.TargetSpacingMm, read.Metadata.SpacingSource);
        Assert.Equal(new VoxelSpacing(1, 1, 3), read.Spacing);
    }

    [Fact]
    public void Read_BoolMasksAndFloat64Volumes_AreConvertedToByteAndFloat()
    {
        // Arrange
        using var dir = new TempFolder();
        var ct = Enumerable.Range(0, 24).Select(i => i * 0.1).ToArray();
        var masks = Enumerable.Range(0, 48).Select(i => (byte)(i % 2)).ToArray();
        var path = CaseNpzBuilder.Valid()
            .Set("ct", NpyArray.Create(ct, 2, 3, 4).WithDtype(NpyDtype.Float64 with { IsBigEndian = true }))
            .Set("masks", NpyArray.CreateBool(masks, 2, 2, 3, 4))
            .WriteTo(dir.File("case_0014.npz"));

        // Act
        var read = CaseFile.Read(path);

        // Assert
        Assert.Equal(ct.Select(v => (float)v), read.Ct);
        Assert.Equal(masks, read.Masks);
    }
}
