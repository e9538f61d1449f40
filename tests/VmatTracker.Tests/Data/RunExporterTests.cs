using System.Globalization;
using System.Text.Json;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Tests.Cli;

namespace VmatTracker.Tests.Data;

public sealed class RunExporterTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static async Task<long> RecordRunAsync(TestStore store)
    {
        var id = await store.Recorder.CreateRunAsync(new NewRun
        {
            Experiment = "structure_weighted",
            Name = "sw",
            ConfigJson = """{"script": "train_baseline_unet.py", "hparams": {"seed": 42, "use_structure_weighted": true}}""",
            Dataset = new DatasetInfo { Path = "/data", TestCaseIds = ["case_0007", "case_0021"] },
        }, Token);
        await store.Recorder.StartAsync(id, Token);
        await store.Recorder.AppendMetricsAsync(id,
        [
            new("train/loss_step", 9, 0, 0.9), new("train/loss_epoch", 10, 0, 0.8), new("val/mae_gy", 10, 0, 3.5),
            new("train/loss_epoch", 20, 1, 0.6), new("val/mae_gy", 20, 1, 2.911), new("val/loss", 20, 1, double.NaN),
            new(TrainingTime.MetricKey, 2, 1, 5400),
        ], Token);
        await store.Recorder.AddEvaluationAsync(id, new EvaluationInfo { DocumentJson = """{"n_cases": 2}""" }, Token);
        await store.Recorder.CompleteAsync(id, Token);
        return id;
    }

    [Fact]
    public async Task ExportCommand_Run_WritesTheReferenceLayout()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await RecordRunAsync(store);
        var output = store.Folder.File("export");

        // Act
        var (exitCode, _, error) = CliRunner.Run("export", id.ToString(CultureInfo.InvariantCulture), "--out", output, "--db", store.DatabasePath);

        // Assert
        Assert.True(exitCode == 0, error);
        var run = Path.Combine(output, "runs", "structure_weighted");
        var csv = await File.ReadAllLinesAsync(Path.Combine(run, "version_0", "metrics.csv"), Token);
        Assert.Equal(["epoch,step,train/loss_epoch,train/loss_step,val/loss,val/mae_gy", "0,9,,0.9,,", "0,10,0.8,,,3.5", "1,20,0.6,,nan,2.911"], csv);
        Assert.Contains("\"use_structure_weighted\": true", await File.ReadAllTextAsync(Path.Combine(run, "training_config.json"), Token), StringComparison.Ordinal);
        using var summary = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "training_summary.json"), Token));
        Assert.Equal(2.911, summary.RootElement.GetProperty("best_val_mae_gy").GetDouble());
        Assert.Equal(1, summary.RootElement.GetProperty("final_metrics").GetProperty("epoch").GetInt32());
        Assert.Equal(5400, summary.RootElement.GetProperty("total_time_sec").GetDouble());
        Assert.Equal(1.5, summary.RootElement.GetProperty("total_time_hours").GetDouble());
        using var testCases = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run, "test_cases.json"), Token));
        Assert.Equal(["case_0007", "case_0021"], testCases.RootElement.GetProperty("test_cases").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("""{"n_cases": 2}""", await File.ReadAllTextAsync(Path.Combine(output, "predictions", "structure_weighted_test", "evaluation_results.json"), Token));
    }

    [Fact]
    public async Task ExportCommand_NoRun_WritesRunTableAndSeriesCsv()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await RecordRunAsync(store);
        var output = store.Folder.File("tables");

        // Act
        var (exitCode, _, error) = CliRunner.Run("export", "--out", output, "--db", store.DatabasePath, "--filter", "status = completed");

        // Assert
        Assert.True(exitCode == 0, error);
        var table = await File.ReadAllLinesAsync(Path.Combine(output, "runs.csv"), Token);
        Assert.Equal(2, table.Length);
        Assert.Contains("params.hparams.seed", table[0], StringComparison.Ordinal);
        Assert.Contains("val/mae_gy.min", table[0], StringComparison.Ordinal);
        Assert.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{id},structure_weighted,sw,completed,"), table[1], StringComparison.Ordinal);
        var series = await File.ReadAllLinesAsync(Path.Combine(output, "metrics.csv"), Token);
        Assert.Equal("run_id,key,step,epoch,wall_time,value,context", series[0]);
        Assert.Equal(8, series.Length);
        Assert.Contains(series, line => line.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{id},{TrainingTime.MetricKey},2,1,"), StringComparison.Ordinal));
        Assert.Contains(series, line => line.StartsWith(string.Create(CultureInfo.InvariantCulture, $"{id},val/loss,20,1,"), StringComparison.Ordinal) && line.EndsWith(",NaN,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ExportCommand_UnknownRun_ExitsOne()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        var (exitCode, _, error) = CliRunner.Run("export", "77", "--out", store.Folder.File("x"), "--db", store.DatabasePath);

        // Assert
        Assert.Equal(1, exitCode);
        Assert.Contains("no run 77", error, StringComparison.Ordinal);
    }
}
