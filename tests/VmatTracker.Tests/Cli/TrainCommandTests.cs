using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class TrainCommandTests
{
    [Fact]
    public void TrainThenPredict_ReferenceFlagSpellings_WriteRunFolderAndPredictions()
    {
        // Arrange: the seed's command shape, with snake_case flags and tiny sizes
        using var run = new TinyTrainingRun();
        var logDir = Path.Combine(run.DataDir, "..", "runs");
        var predictions = Path.Combine(run.DataDir, "..", "predicted");

        // Act
        var train = CliRunner.Run("train", "--exp_name", "structure_weighted_loss", "--data_dir", run.DataDir, "--log_dir", logDir,
            "--use_gradient_loss", "--gradient_loss_weight", "0.1", "--use_structure_weighted", "--structure_weighted_weight", "1.0",
            "--epochs", "1", "--batch_size", "1", "--patch_size", "32", "--base_channels", "16", "--patches_per_volume", "1",
            "--num_workers", "0", "--device", "cpu");
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
        var missing = CliRunner.Run("train", "--data_dir", "/nonexistent/vmat-data");

        // Assert
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("magic", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("--data_dir: the folder '/nonexistent/vmat-data' does not exist", missing.Error, StringComparison.Ordinal);
    }
}
