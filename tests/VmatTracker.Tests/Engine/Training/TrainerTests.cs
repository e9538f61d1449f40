using System.Text.Json;
using VmatTracker.Engine.DataLoading.Numpy;
using VmatTracker.Engine.Training;

namespace VmatTracker.Tests.Engine.Training;

[Collection(TorchCollection.Name)]
public sealed class TrainerTests
{
    [Fact]
    public void Run_TwoEpochsOnEightPhantoms_WritesEveryOutputFile()
    {
        // Arrange
        using var run = new TinyTrainingRun();
        var observer = new RecordingObserver();

        // Act
        var result = Trainer.Run(run.Options, observer, CancellationToken.None);

        // Assert: status, metrics.csv rows and the reference's columns
        Assert.Equal(TrainingStatus.Completed, result.Status);
        var rows = RunFolderFiles.ReadMetrics(Path.Combine(run.RunFolder, "metrics.csv"));
        Assert.Equal([0.0, 1.0], rows.Select(r => r["epoch"]));
        foreach (var column in new[] { "step", "lr-AdamW", "train/loss_epoch", "train/mse_loss", "train/neg_penalty", "val/loss", "val/mae_gy", "val/mae_gy_ptv70", "val/gamma_3mm3pct" })
        {
            Assert.True(rows.All(r => r.ContainsKey(column)), $"metrics.csv lacks {column}");
        }

        // the JSON files
        using var config = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, "training_config.json")));
        Assert.Equal("whole-volume", config.RootElement.GetProperty("val_metrics").GetString());
        Assert.Equal(8, config.RootElement.GetProperty("hparams").GetProperty("base_channels").GetInt32());
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, "training_summary.json")));
        Assert.Equal("completed", summary.RootElement.GetProperty("status").GetString());
        Assert.Equal(rows.Min(r => r["val/mae_gy"]), summary.RootElement.GetProperty("best_val_mae_gy").GetDouble(), 9);
        using var testCases = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, "test_cases.json")));
        var testIds = testCases.RootElement.GetProperty("test_cases").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(observer.Start!.Split.Test, testIds);

        // checkpoints: last plus best, named as the reference with '/' as '_'
        var checkpoints = Directory.GetFiles(Path.Combine(run.RunFolder, "checkpoints")).Select(Path.GetFileName).ToList();
        Assert.Contains("last.dat", checkpoints);
        Assert.Contains(checkpoints, f => f!.StartsWith("best-epoch=", StringComparison.Ordinal) && f.Contains("-val_mae_gy=", StringComparison.Ordinal));

        // predictions of every test case in the reference's format, and their evaluation
        foreach (var id in testIds)
        {
            using var npz = NpzReader.Open(Path.Combine(run.RunFolder, "predictions", id + "_pred.npz"));
            var dose = npz.ReadSingles("dose", out var header);
            Assert.Equal([32, 32, 32], header.Shape);
            Assert.All(dose, v => Assert.InRange(v, 0f, 1.5f));
        }

        Assert.True(File.Exists(Path.Combine(run.RunFolder, "predictions", "evaluation_results.json")));
        Assert.Equal(testIds.Count, result.Test!.Evaluated.Count);
    }

    [Fact]
    public void Run_CancelledDuringFirstBatch_StopsWithinOneBatch()
    {
        // Arrange
        using var run = new TinyTrainingRun();
        using var cancel = new CancellationTokenSource();
        var observer = new RecordingObserver(cancel, cancelAfterBatches: 1);

        // Act
        var result = Trainer.Run(run.Options with { Epochs = 5 }, observer, cancel.Token);

        // Assert
        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Single(observer.Batches);
        Assert.Empty(observer.Epochs);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.RunFolder, "training_summary.json")));
        Assert.Equal("cancelled", summary.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public void Run_DatasetWithOneCorruptCaseAndSkipInvalid_ReportsItAndTrainsOnTheRest()
    {
        // Arrange
        using var run = new TinyTrainingRun();
        var corrupt = Path.Combine(run.DataDir, "case_9999.npz");
        File.WriteAllText(corrupt, "this is not a zip archive");
        var observer = new RecordingObserver();

        // Act
        var result = Trainer.Run(run.Options with { Epochs = 1, EvaluateTestSet = false, SkipInvalid = true }, observer, CancellationToken.None);

        // Assert
        Assert.Equal(TrainingStatus.Completed, result.Status);
        Assert.Contains(observer.Messages, m => m.Contains("case_9999.npz", StringComparison.Ordinal));
        Assert.DoesNotContain("case_9999", observer.Start!.Split.Train.Concat(observer.Start.Split.Validation).Concat(observer.Start.Split.Test));
    }

    [Fact]
    public void Run_ResumedFromLast_ContinuesTheEpochCountAndMetrics()
    {
        // Arrange: one epoch, then resume to two
        using var run = new TinyTrainingRun();
        var first = Trainer.Run(run.Options with { Epochs = 1, EvaluateTestSet = false }, new RecordingObserver(), CancellationToken.None);
        var observer = new RecordingObserver();

        // Act
        var resumed = Trainer.Run(run.Options with { Epochs = 2, Resume = true, EvaluateTestSet = false }, observer, CancellationToken.None);

        // Assert
        Assert.Equal(1, first.State.EpochsCompleted);
        Assert.Equal(TrainingStatus.Completed, resumed.Status);
        Assert.Equal(1, observer.Start!.StartEpoch);
        Assert.Equal([1], observer.Epochs.Select(e => e.Epoch));
        Assert.Equal(2, resumed.State.EpochsCompleted);
        Assert.Equal(first.State.GlobalStep * 2, resumed.State.GlobalStep);
        Assert.Equal([0.0, 1.0], RunFolderFiles.ReadMetrics(Path.Combine(run.RunFolder, "metrics.csv")).Select(r => r["epoch"]));
    }

    [Fact]
    public void Run_ThreeEpochs_LiveTensorCountDoesNotGrowBetweenEpochs()
    {
        // Arrange
        using var run = new TinyTrainingRun();
        var observer = new RecordingObserver();

        // Act
        Trainer.Run(run.Options with { Epochs = 3, EvaluateTestSet = false, NumWorkers = 0 }, observer, CancellationToken.None);

        // Assert: after the first epoch (which allocates the optimizer's lasting state) nothing accumulates
        Assert.Equal(3, observer.LiveTensorsAtEpochEnd.Count);
        Assert.Equal(observer.LiveTensorsAtEpochEnd[1], observer.LiveTensorsAtEpochEnd[2]);
    }

    [Theory]
    [InlineData(40, "--patch_size: 40 must be a positive multiple of 16")]
    [InlineData(64, "--patch_size: 64 is larger than every training volume")]
    public void Run_ImpossiblePatch_ThrowsNamingTheFlag(int patch, string expected)
    {
        // Arrange
        using var run = new TinyTrainingRun(cases: 4);

        // Act
        var error = Assert.Throws<TrainingSetupException>(() => Trainer.Run(run.Options with { PatchSize = patch }, new RecordingObserver(), CancellationToken.None));

        // Assert
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run.RunFolder));
    }

    [Fact]
    public void Run_NegativeLossWeightAndEmptyDataset_ThrowNamingTheProblem()
    {
        // Arrange
        using var run = new TinyTrainingRun(cases: 4);
        var empty = Directory.CreateTempSubdirectory("vmat-empty").FullName;

        // Act
        var weight = Assert.Throws<TrainingSetupException>(() => Trainer.Run(
            run.Options with { Loss = run.Options.Loss with { UseGradientLoss = true, GradientLossWeight = -1 } }, new RecordingObserver(), CancellationToken.None));
        var dataset = Assert.Throws<TrainingSetupException>(() => Trainer.Run(run.Options with { DataDir = empty }, new RecordingObserver(), CancellationToken.None));
        Directory.Delete(empty);

        // Assert
        Assert.Contains("gradient", weight.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0 valid case(s)", dataset.Message, StringComparison.Ordinal);
    }
}
