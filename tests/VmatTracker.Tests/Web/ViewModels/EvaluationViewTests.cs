using VmatTracker.Data.Queries;
using VmatTracker.Tests.Infrastructure;
using VmatTracker.Web.ViewModels;

namespace VmatTracker.Tests.Web.ViewModels;

public sealed class EvaluationViewTests
{
    private const string Document = """
        {"per_case_results": [
          {"case_id": "case_0007", "clinical_constraints": {"goals": [
            {"structure": "Rectum", "metric": "V70", "comparison": "<=", "limit": 15, "unit": "%", "predicted": 12.5, "target": 10.1, "passed": true},
            {"structure": "PTV70", "metric": "D95", "comparison": ">=", "limit": 66.5, "unit": "Gy", "predicted": 64.0, "target": 67.2, "passed": false}]}},
          {"case_id": "case_0021", "clinical_constraints": {"goals": [
            {"structure": "Rectum", "metric": "V70", "comparison": "<=", "limit": 15, "unit": "%", "predicted": 16.0, "target": 9.0, "passed": false}]}}
        ]}
        """;

    [Fact]
    public void Goals_TwoCases_MatrixOfGoalsByCaseWithPassFlags()
    {
        // Act
        var view = new EvaluationView(TestEvaluation.Of(document: Document));

        // Assert
        Assert.Equal(["Rectum V70 <= 15 %", "PTV70 D95 >= 66.5 Gy"], view.Goals.Goals);
        Assert.Equal(["case_0007", "case_0021"], view.Goals.Cases);
        Assert.Equal(new GoalCell(12.5, 10.1, true), view.Goals.Cell("Rectum V70 <= 15 %", "case_0007"));
        Assert.False(view.Goals.Cell("Rectum V70 <= 15 %", "case_0021")!.Passed);
        Assert.Null(view.Goals.Cell("PTV70 D95 >= 66.5 Gy", "case_0021"));
    }

    [Fact]
    public void CaseValue_FlatAndNestedGammaShapes_BothRead()
    {
        // Arrange: the reference's older flat gamma for one case, the nested one for the other.
        var view = new EvaluationView(TestEvaluation.Of(values: [
                new RunEvaluationValue("a", null, "gamma.gamma_pass_rate", 33.4),
                new RunEvaluationValue("b", null, "gamma.global_3mm3pct.gamma_pass_rate", 29.0),
                new RunEvaluationValue(null, "Rectum", "per_structure_mae.mean", 1.5),
            ]));
        var gamma = EvaluationView.CaseColumns[1].Metrics;

        // Act / Assert
        Assert.Equal(33.4, view.CaseValue("a", gamma));
        Assert.Equal(29.0, view.CaseValue("b", gamma));
        Assert.Equal(["Rectum"], view.Structures);
        Assert.Equal(1.5, view.StructureMae("Rectum"));
    }

    [Fact]
    public void ReadDvh_FileBesideTheEvaluation_CurvesPerStructure()
    {
        // Arrange
        using var folder = new TempFolder("vmat-dvh");
        Directory.CreateDirectory(folder.File("dvh"));
        File.WriteAllText(folder.File("dvh/case_0007.json"),
            """{"PTV70": {"dose_gy": [0, 70], "volume_pct": [100, 40], "truth_volume_pct": [100, 60]}}""");
        var view = new EvaluationView(TestEvaluation.Of(source: folder.File("evaluation_results.json")));

        // Act
        var curves = view.ReadDvh("case_0007");
        var missing = view.ReadDvh("case_0021");

        // Assert
        Assert.Null(curves.Problem);
        var ptv = Assert.Single(curves.Structures);
        Assert.Equal(("PTV70", 60.0, 40.0), (ptv.Structure, ptv.TruthVolumePct[1], ptv.PredictedVolumePct[1]));
        Assert.Empty(missing.Structures);
        Assert.Contains("case_0021.json does not exist", missing.Problem, StringComparison.Ordinal);
    }
}
