using VmatTracker.Data.Import;
using VmatTracker.Reports;
using VmatTracker.Tests.Data;
using static VmatTracker.Tests.Reports.ReportCommandTests;

namespace VmatTracker.Tests.Reports;

/// <summary>A report over runs brought in by <c>vmat import</c>: no provenance, the older flat evaluation shape.</summary>
public sealed class ImportedRunsReportTests
{
    [Fact]
    public async Task Report_ImportedReferenceRuns_ReadsBothEvaluationShapesAndSaysWhatIsMissing()
    {
        // Arrange
        var token = TestContext.Current.CancellationToken;
        using var store = await TestStore.CreateAsync();
        var project = store.Folder.File("project");
        ReferenceFixtures.WriteProject(project);
        var imported = await new RunImporter(store.Recorder).ImportAsync(project, token);
        var pilot = imported.Imported.Single(i => i.Folder.EndsWith("structure_weighted", StringComparison.Ordinal)).RunId;
        var v23 = imported.Imported.Single(i => i.Folder.EndsWith("baseline_v23_seed42", StringComparison.Ordinal)).RunId;

        // Act
        var report = await new ReportBuilder(store.Queries, TimeProvider.System).BuildAsync([v23, pilot], null, token);
        await ReportWriter.WriteAsync(report, store.Folder.File("report"), token);
        var text = await File.ReadAllTextAsync(store.Folder.File("report/report.md"), token);

        // Assert: the flat pilot shape (gamma.gamma_pass_rate) and the nested v2.3 shape both give their per-case values.
        var key = Table(text, "### Key Results");
        Assert.Equal(["Val MAE", "6.05 Gy", "**2.91 Gy**"], Row(key, "Val MAE"));
        Assert.Equal(["Gamma (3%/3mm)", "18.0%", "**31.2 ± 2.2%**"], Row(key, "Gamma (3%/3mm)"));
        Assert.Equal(["PTV gamma (3%/3mm)", "70.0%", "n/a (the evaluation has no PTV gamma (3%/3mm) values)"], Row(key, "PTV gamma (3%/3mm)"));
        Assert.Equal(["Training time", "n/a (no duration stored)", "2.62 h"], Row(key, "Training time"));
        Assert.Contains("- n/a (no provenance stored for this run)", text, StringComparison.Ordinal);
        Assert.Equal("1", Row(Table(text, "### 6.1 Training Summary"), "structure_weighted")[2]);
        Assert.Contains("- Test: case_0021, case_0007", text, StringComparison.Ordinal);
    }
}
