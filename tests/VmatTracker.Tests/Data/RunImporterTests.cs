using System.Globalization;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Import;
using VmatTracker.Data.Queries;
using VmatTracker.Tests.Cli;

namespace VmatTracker.Tests.Data;

public sealed class RunImporterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportAsync_ReferenceProject_ImportsBothRunsWithMetricsCheckpointsAndBothEvaluationShapes()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var project = store.Folder.File("project");
        ReferenceFixtures.WriteProject(project);
        var importer = new RunImporter(store.Recorder);

        // Act
        var report = await importer.ImportAsync(project, Token);

        // Assert
        Assert.Equal(2, report.Imported.Count);
        Assert.Contains(report.Skipped, s => s.Folder.EndsWith("not_a_run", StringComparison.Ordinal));
        var pilot = (await store.Queries.ListAsync(new RunListQuery { Filter = "experiment = structure_weighted" }, Token)).Runs.Single();
        Assert.Equal(RunStatus.Completed, pilot.Status);
        Assert.Equal(true, pilot.Params["use_structure_weighted"]);
        Assert.Equal(2.911, pilot.Metrics["val/mae_gy"].Min);
        Assert.Equal(1, pilot.Metrics["val/mae_gy"].MinEpoch);
        Assert.Equal(3, pilot.Metrics["val/loss"].Count);
        Assert.Equal(1, pilot.Metrics["val/loss"].NonFiniteCount);
        Assert.Equal(9432.0, pilot.DurationSeconds);
        var detail = (await store.Queries.GetAsync(pilot.Id, Token))!;
        Assert.Equal(3, detail.Checkpoints.Count);
        var best = Assert.Single(detail.Checkpoints, c => c.IsBest);
        Assert.Equal(31, best.Epoch);
        Assert.Equal("val/mae_gy", best.MonitoredKey);
        Assert.Equal(["case_0021", "case_0007"], detail.Dataset!.TestCaseIds);
        var flat = Assert.Single(detail.Evaluations).Values;
        Assert.Equal(29.0, flat.Single(v => v.CaseId == "case_0007" && v.Metric == "gamma.gamma_pass_rate").Value);
        Assert.Equal(1.40, flat.Single(v => v.CaseId is null && v.Metric == "mae_gy_mean").Value);

        var v23 = (await store.Queries.ListAsync(new RunListQuery { Filter = "experiment = baseline_v23_seed42" }, Token)).Runs.Single();
        var nested = Assert.Single((await store.Queries.GetAsync(v23.Id, Token))!.Evaluations).Values;
        Assert.Equal(18.0, nested.Single(v => v.Metric == "gamma.global_3mm3pct.gamma_pass_rate").Value);
        Assert.Equal(66.1, nested.Single(v => v.Structure == "PTV70" && v.Metric == "dvh_metrics.D95").Value);
        Assert.Equal(2.1, nested.Single(v => v.CaseId is null && v.Structure == "PTV70" && v.Metric == "per_structure_mae.mean").Value);
        Assert.Equal(6.047, v23.Metrics["val/mae_gy"].Min);
    }

    [Fact]
    public async Task ImportAsync_MalformedFiles_NamesLineOrJsonPathAndImportsTheRest()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var project = store.Folder.File("project");
        ReferenceFixtures.WriteProject(project);

        // Act
        var report = await new RunImporter(store.Recorder).ImportAsync(project, Token);

        // Assert
        Assert.Contains(report.Problems, p => p.Contains("metrics.csv line 7", StringComparison.Ordinal));
        Assert.Contains(report.Problems, p => p.Contains("training_summary.json line 1, JSON path", StringComparison.Ordinal));
        Assert.Equal(2, report.Imported.Count);
    }

    [Fact]
    public async Task ImportCommand_Twice_DoesNotDuplicate()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var project = store.Folder.File("project");
        ReferenceFixtures.WriteProject(project);

        // Act
        var first = CliRunner.Run("import", project, "--db", store.DatabasePath);
        var second = CliRunner.Run("import", Path.Combine(project, "runs"), "--db", store.DatabasePath);

        // Assert
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 imported", first.Output, StringComparison.Ordinal);
        Assert.Contains("0 imported, 3 skipped", second.Output, StringComparison.Ordinal);
        Assert.Contains("already imported", second.Output, StringComparison.Ordinal);
        await using var context = store.NewContext();
        Assert.Equal(2, await context.Runs.CountAsync(Token));
        Assert.Equal(3, await context.Checkpoints.CountAsync(Token));
    }

    [Fact]
    public async Task ExportThenImport_OneRun_GivesBackTheSameRun()
    {
        // Arrange
        using var source = await TestStore.CreateAsync();
        var project = source.Folder.File("project");
        ReferenceFixtures.WriteProject(project);
        await new RunImporter(source.Recorder).ImportAsync(project, Token);
        var original = (await source.Queries.ListAsync(new RunListQuery { Filter = "experiment = structure_weighted" }, Token)).Runs.Single();
        var exported = source.Folder.File("exported");
        using var target = await TestStore.CreateAsync();

        // Act
        var export = CliRunner.Run("export", original.Id.ToString(CultureInfo.InvariantCulture), "--out", exported, "--db", source.DatabasePath);
        var import = CliRunner.Run("import", exported, "--db", target.DatabasePath);

        // Assert
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains("1 imported", import.Output, StringComparison.Ordinal);
        var copy = (await target.Queries.ListAsync(new RunListQuery(), Token)).Runs.Single();
        Assert.Equal(original.Experiment, copy.Experiment);
        Assert.Equal(original.Params, copy.Params);
        Assert.Equal(original.Metrics, copy.Metrics);
        Assert.Equal(original.CreatedAt, copy.CreatedAt);
        var originalSeries = await source.Queries.GetSeriesAsync(original.Id, null, Token);
        var copySeries = await target.Queries.GetSeriesAsync(copy.Id, null, Token);
        Assert.Equal(originalSeries.Select(s => (s.Key, s.Points.Count)), copySeries.Select(s => (s.Key, s.Points.Count)));
        var originalEvaluation = Assert.Single((await source.Queries.GetAsync(original.Id, Token))!.Evaluations);
        var copyEvaluation = Assert.Single((await target.Queries.GetAsync(copy.Id, Token))!.Evaluations);
        Assert.Equal(originalEvaluation.DocumentJson, copyEvaluation.DocumentJson);
    }
}
