using VmatTracker.Engine.Metrics;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class OpenKbpScoresTests
{
    private static readonly double[] s_oneToTen = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1];

    [Fact]
    public void DvhMetrics_Target_UsesLinearPercentiles()
    {
        // Arrange / Act
        var metrics = OpenKbpScores.DvhMetrics(s_oneToTen, isTarget: true, 8)!;

        // Assert: numpy.percentile([1..10], 1 / 5 / 99).
        Assert.Equal(1.09, metrics["D_99"], 1e-12);
        Assert.Equal(1.45, metrics["D_95"], 1e-12);
        Assert.Equal(9.91, metrics["D_1"], 1e-12);
    }

    [Fact]
    public void DvhMetrics_OrganAtRisk_TakesTheHottestPointOneCc()
    {
        // Arrange: 50 mm³ voxels, so 0.1 cc is n = 2 voxels of 10: percentile 80 = 8.2.
        // Act
        var metrics = OpenKbpScores.DvhMetrics(s_oneToTen, isTarget: false, 50)!;

        // Assert
        Assert.Equal(8.2, metrics["D_0.1_cc"], 1e-12);
        Assert.Equal(5.5, metrics["mean"], 1e-12);
    }

    [Fact]
    public void Scores_KnownErrors_AverageOverMaskAndMetrics()
    {
        // Arrange: errors 1 Gy on 4 voxels, 2 of them in the possible-dose mask.
        double[] truth = [10, 20, 30, 40];
        double[] pred = [11, 21, 31, 41];
        byte[] possible = [0, 1, 1, 0];

        // Act
        var dose = OpenKbpScores.DoseScore(truth, pred, possible);
        var dvh = OpenKbpScores.DvhScore([(truth, pred, true), (truth, pred, false), ([], [], false)], 1000);

        // Assert: every DVH metric moves by exactly 1 Gy; the empty structure is skipped.
        Assert.Equal(2.0, dose);
        Assert.Equal(1.0, dvh!.Value, 1e-12);
    }
}
