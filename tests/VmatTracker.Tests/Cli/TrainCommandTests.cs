using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class TrainCommandTests
{
    [Fact]
    public async Task TrainThenPredict_ReferenceFlagSpellings_WriteRunFolderPredictionsAndStoreRun()
    {
        // Arrange: the seed's command shape, with snake_case flags and tiny sizes
        using var run = new TinyTrainingRun();
        var logDir = Path.Combine(run.DataDir, "..", "runs");
        var predictions = Path.Combine(run.DataDir, "..", "predicted");
        var db = Path.Combine(run.DataDir, "..", "tracker.db");

        // Act
        var train = CliRunner.Run("train", "--exp_name", "structure_weighted_loss", "--data_dir", run.DataDir, "--log_dir", logDir,
            "--use_gradient_loss", "--gradient_loss_weight", "0.1", "--use_structure_weighted", "--structure_weighted_weight", "1.0",
            "--epochs", "1", "--batch_size", "1", "--patch_size", "32", "--base_channels", "16", "--patches_per_volume", "1",
            "--num_workers", "0", "--device", "cpu", "--db", db, "--experiment", "seed-study");
        var runFolder = Path.Combine(logDir, "structure_weighted_loss");
        var predict = CliRunner.Run("predict", "--checkpoint", Path.Combine(runFolder, "checkpoints", "last.dat"),
            "--data_dir", run.DataDir, "--out", predictions, "--cases", "test");

        // Assert
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.StartsWith("completed: 1 epoch(s)", train.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(runFolder, "metrics.csv")));
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Single(Directory.GetFiles(predictions, "*_pred.npz"));
        Assert.True(File.Exists(Path.Combine(predictions, "evaluation_results.json")));

        // the run is in the store under the printed ID, completed, with its epochs and its test evaluation
        var idLine = train.Output.Split('\n').Single(l => l.StartsWith("run ID: ", StringComparison.Ordinal));
        var runId = long.Parse(idLine["run ID: ".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var contexts = TrackerStore.CreateFactory(new TrackerStoreOptions { DatabasePath = Path.GetFullPath(db) });
        await using var context = await contexts.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var recorded = await context.Runs.Include(r => r.Experiment).SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Completed, recorded.Status);
        Assert.Equal(("seed-study", "structure_weighted_loss"), (recorded.Experiment!.Name, recorded.Name));
        Assert.Equal(1, await context.MetricPoints.CountAsync(p => p.RunId == runId && p.Key == "val/mae_gy", TestContext.Current.CancellationToken));
        Assert.True(await context.Evaluations.AnyAsync(e => e.RunId == runId, TestContext.Current.CancellationToken));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Train_NoRecord_TrainsWithoutOpeningTheStore()
    {
        // Arrange
        using var run = new TinyTrainingRun(cases: 3);
        var db = Path.Combine(run.DataDir, "..", "untouched.db");

        // Act
        var train = CliRunner.Run("train", "--data_dir", run.DataDir, "--log_dir", Path.Combine(run.DataDir, "..", "runs"), "--epochs", "1",
            "--patch_size", "32", "--base_channels", "8", "--patches_per_volume", "1", "--num_workers", "0", "--device", "cpu",
            "--no-record", "--db", db);

        // Assert
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.DoesNotContain("run ID:", train.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Theory]
    [InlineData("--patch_size", "40", "--patch_size: 40 must be a positive multiple of 16")]
    [InlineData("--gradient_loss_weight", "-1", "--gradient_loss_weight must be a finite number >= 0")]
    [InlineData("--architecture", "attention", "--architecture: 'attention' is not implemented")]
    [InlineData("--devices", "2", "--devices: 2 is not supported")]
    [InlineData("--val_split", "0.2", "--val_split: only the reference's 0.1 is supported")]
    public void Train_ImpossibleOption_ExitsTwoNamingTheFlag(string flag, string value, string expected)
    {
        // Act
        var result = CliRunner.Run("train", "--data_dir", "/nonexistent", flag, value);

        // Assert
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Train_UnknownFlagOrMissingData_FailsWithAMessage()
    {
        // Act
        var unknown = CliRunner.Run("train", "--data_dir", "/tmp", "--use_magic_loss");
        var missing = CliRunner.Run("train", "--data_dir", "/nonexistent/vmat-data", "--db", "/nonexistent/vmat.db");

        // Assert
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("magic", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--data_dir: the folder '/nonexistent/vmat-data' does not exist", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_UnknownCaseId_ExitsOneNamingIt()
    {
        // Arrange: phantom cases and a file standing in for a checkpoint (the case list is checked before it is read)
        using var run = new TinyTrainingRun(cases: 4);
        var checkpoint = Path.Combine(run.DataDir, "..", "model.dat");
        File.WriteAllText(checkpoint, "not read");

        // Act
        var result = CliRunner.Run("predict", "--checkpoint", checkpoint, "--data_dir", run.DataDir, "--out", Path.Combine(run.DataDir, "..", "out"),
            "--base-channels", "8", "--patch-size", "32", "--cases", "case_0001,case_0042");

        // Assert
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--cases: no case file case_0042.npz in the data folder", result.Error, StringComparison.Ordinal);
    }
}
