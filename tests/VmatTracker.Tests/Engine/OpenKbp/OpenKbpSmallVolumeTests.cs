using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.OpenKbp;

/// <summary>The voxel count of OpenKBP's D_0.1_cc: numpy's round (half to even) and structures smaller than 0.1 cc.</summary>
public sealed class OpenKbpSmallVolumeTests
{
    private static readonly double[] s_oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    [Theory]
    [InlineData(40.0, 8.2)] // 100 / 40 = 2.5 rounds to 2 (half to even): percentile 80 = 8.2, not 70 (7.3)
    [InlineData(25.0, 6.4)] // 4 voxels: percentile 60 = 6.4
    [InlineData(1000.0, 9.1)] // 0.1 voxel rounds to 0, raised to 1: percentile 90 = 9.1
    public void DvhMetrics_VoxelVolume_TakesNumpyRoundedVoxelCount(double voxelMm3, double expected) =>
        Assert.Equal(expected, OpenKbpScores.DvhMetrics(s_oneToTen, isTarget: false, voxelMm3)!["D_0.1_cc"], 1e-12);

    [Fact]
    public void DvhMetrics_StructureSmallerThanPointOneCc_ClampsToTheColdestVoxel()
    {
        // Arrange: 10 mm³ voxels make 0.1 cc 10 voxels; the structure has 4 (numpy would raise on percentile -150)
        double[] doses = [3, 1, 4, 2];

        // Act
        var metrics = OpenKbpScores.DvhMetrics(doses, isTarget: false, 10)!;

        // Assert
        Assert.Equal(1.0, metrics["D_0.1_cc"]);
        Assert.Equal(2.5, metrics["mean"], 1e-12);
    }
}
