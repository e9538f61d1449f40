using Microsoft.EntityFrameworkCore;
using VmatTracker.Engine.Training;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Cli;

[Collection(TorchCollection.Name)]
public sealed class ImportTrainerRunTests
{
    [Fact]
    public async Task Import_RunFolderOfOurTrainer_BringsItsEpochMetricsAndCheckpointsIn()
    {
        // Arrange: a finished two-epoch run folder written by the trainer, in the reference's layout
        using var run = new TinyTrainingRun();
        var result = Trainer.Run(run.Options with { EvaluateTestSet = false }, new RecordingObserver(), CancellationToken.None);
        using var store = await TestStore.CreateAsync();

        // Act
        var import = CliRunner.Run("import", run.Options.LogDir, "--db", store.DatabasePath);

        // Assert: one run, named as the folder, with a val/mae_gy point per epoch and the checkpoints
        Assert.True(import.ExitCode == 0, import.Error + import.Output);
        Assert.Contains("1 imported", import.Output, StringComparison.Ordinal);
        await using var context = store.NewContext();
        var stored = await context.Runs.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal("tiny", stored.Name);
        var maes = await context.MetricPoints.Where(p => p.RunId == stored.Id && p.Key == "val/mae_gy")
            .OrderBy(p => p.Epoch).Select(p => p.Value).ToListAsync(TestContext.Current.CancellationToken);
        var written = RunFolderFiles.ReadMetrics(Path.Combine(result.RunFolder, "metrics.csv")).Select(r => r["val/mae_gy"]).ToList();
        Assert.Equal(written.Count, maes.Count);
        Assert.Equal(written, maes.Select(v => v!.Value), new ToleranceComparer(1e-9));
        Assert.True(await context.Checkpoints.CountAsync(TestContext.Current.CancellationToken) >= 2);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
