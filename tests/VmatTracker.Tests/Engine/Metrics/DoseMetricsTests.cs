using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Tests.Engine.Metrics;

public sealed class DoseMetricsTests
{
    [Fact]
    public void Compute_KnownErrors_GivesWholeVolumeBodyAndThresholdMaes()
    {
        // Arrange: truth 0, 10, 50, 70 Gy; prediction off by 1, 2, 3, 4 Gy; the first voxel is air.
        double[] truth = [0, 10, 50, 70];
        double[] pred = [1, 12, 47, 74];
        float[] ct = [0.25f, 0.5f, 0.5f, 0.5f];
        byte[] ptv = [0, 0, 1, 1];

        // Act
        var metrics = DoseMetrics.Compute(pred, truth, ct, [("PTV70", ptv)]);

        // Assert
        Assert.Equal(2.5, metrics.MaeGy, 1e-12);
        Assert.Equal(3.0, metrics.MaeGyBody!.Value, 1e-12);
        Assert.Equal(Math.Sqrt(30 / 4.0), metrics.RmseGy, 1e-12);
        Assert.Equal(4, metrics.MaxErrorGy, 1e-12);
        Assert.Equal(3.0, metrics.MaeGyAbove10Pct!.Value, 1e-12);
        Assert.Equal(3.5, metrics.MaeGyAbove50Pct!.Value, 1e-12);
        Assert.Equal(4.0, metrics.MaeGyAbove90Pct!.Value, 1e-12);
        Assert.Equal(3.5, metrics.PerStructureMaeGy["PTV70"], 1e-12);
    }

    [Fact]
    public void Compute_EmptyStructure_IsLeftOut()
    {
        // Arrange
        double[] dose = [1, 2];

        // Act
        var metrics = DoseMetrics.Compute(dose, dose, [], [("Bowel", new byte[2])]);

        // Assert
        Assert.Empty(metrics.PerStructureMaeGy);
        Assert.Null(metrics.MaeGyBody);
    }

    [Fact]
    public void ClinicalGoals_ProstateSite_PassesFailsAndListsMissing()
    {
        // Arrange: PTV70 fully covered at 71-72 Gy; rectum with 30 % at or above 70 Gy; everything else absent.
        var ptv = Dvh("PTV70", Enumerable.Repeat(71.0, 50).Concat(Enumerable.Repeat(72.0, 50)).ToArray(), 70);
        var rectum = Dvh("Rectum", Enumerable.Repeat(70.0, 30).Concat(Enumerable.Repeat(20.0, 70)).ToArray(), null);
        var dvhs = new Dictionary<string, StructureDvh> { ["PTV70"] = ptv, ["Rectum"] = rectum };

        // Act
        var report = ClinicalGoalReport.Check(SiteCatalog.Default.ClinicalGoals, dvhs);

        // Assert: PTV70 V100 and Dmax pass; Rectum V70 (30 > 15) and V60 (30 > 25) fail, V50 and Dmax pass.
        Assert.Equal(6, report.Checked);
        Assert.Equal(4, report.PassedCount);
        Assert.Equal(66.7, report.ComplianceRate);
        Assert.False(report.OverallPass);
        Assert.Equal(["V70", "V60"], report.Violations.Select(v => v.Goal.Metric));
        Assert.Equal(SiteCatalog.Default.ClinicalGoals.Count - 6, report.Missing.Count());
    }

    private static StructureDvh Dvh(string name, double[] dose, double? rx)
    {
        var mask = Enumerable.Repeat((byte)1, dose.Length).ToArray();
        return StructureDvh.Compute(name, mask, dose, dose, 0.064, rx)!;
    }
}
