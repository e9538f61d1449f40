using VmatTracker.Engine.Metrics;
using VmatTracker.Engine.Sites;

namespace VmatTracker.Tests.Engine.OpenKbp;

public sealed class HeadAndNeckSiteTests
{
    private static TreatmentSite Site => SiteCatalog.Get("head_and_neck");

    [Fact]
    public void Site_Channels_AreOpenKbpTargetsThenOrgansAtRisk()
    {
        // Assert
        Assert.Equal(["PTV70", "PTV63", "PTV56", "Brainstem", "SpinalCord", "RightParotid", "LeftParotid", "Esophagus", "Larynx", "Mandible"],
            Site.Channels.Select(c => c.Name));
        Assert.Equal([70.0, 63.0, 56.0], Site.Channels.Where(c => c.Role == StructureRole.Target).Select(c => c.PrescriptionGy!.Value));
        Assert.Equal(7, Site.Channels.Count(c => c.Role == StructureRole.OrganAtRisk));
        Assert.Equal(70.0, Site.PrescriptionGy);
        Assert.Equal(10, Site.RequiredChannelCount);
    }

    [Fact]
    public void BuildConstraints_OnlyPtv70_TargetPresenceThenOrganLimitsOverRx()
    {
        // Act
        var vector = Site.BuildConstraints(new HashSet<string> { "PTV70", "SpinalCord" });

        // Assert
        float[] expected = [1f, 0f, 0f, 54f / 70, 45f / 70, 26f / 70, 45f / 70, 44f / 70, 1f];
        Assert.Equal(expected.Length, vector.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], vector[i], 1e-6);
        }
    }

    [Fact]
    public void ClinicalGoals_EachHasAPublishedSourceAndAMetricTheDvhReports()
    {
        // Arrange: any DVH; every goal's metric must resolve to a number for a target with a prescription
        var dvh = DvhValues.Compute([10, 20, 30, 40, 50, 60, 70], 0.04, prescriptionGy: 70);

        // Assert
        Assert.Equal(12, Site.ClinicalGoals.Count);
        Assert.All(Site.ClinicalGoals, goal =>
        {
            Assert.False(string.IsNullOrWhiteSpace(goal.Source), $"{goal.Structure} {goal.Metric} has no source");
            Assert.NotNull(dvh.Metric(goal.Metric));
        });
        Assert.Contains(Site.ClinicalGoals, g => g is { Structure: "SpinalCord", Metric: "Dmax", Comparison: "<=", Limit: 45 });
        Assert.Contains(Site.ClinicalGoals, g => g is { Structure: "LeftParotid", Metric: "Dmean", Limit: 26 });
    }
}
