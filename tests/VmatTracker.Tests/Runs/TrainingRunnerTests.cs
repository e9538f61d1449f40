using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Queries;
using VmatTracker.Data.Recording;
using VmatTracker.Engine.Training;
using VmatTracker.Runs.Training;
using VmatTracker.Tests.Data;
using VmatTracker.Tests.Engine;
using VmatTracker.Tests.Engine.Training;

namespace VmatTracker.Tests.Runs;

[Collection(TorchCollection.Name)]
public sealed class TrainingRunnerTests
{
    [Fact]
    public async Task Run_TinyRun_RecordsMetricsCheckpointsArtifactsAndEvaluation()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        using var run = new TinyTrainingRun();
        var runner = new TrainingRunner(store.Recorder, TimeProvider.System);
        var published = new List<TrainingLogLine>();
        runner.LogLine += (_, line) => published.Add(line);
        var also = new RecordingObserver();
        var runId = await runner.QueueAsync(run.Options, new RunRequest("loss-study", new Dictionary<string, string> { ["recipe"] = "baseline" }, "tiny"),
            TestContext.Current.CancellationToken);

        // Act
        var result = runner.Run(runId, run.Options, CancellationToken.None, also);

        // Assert: the run and its labels
        Assert.Equal(TrainingStatus.Completed, result.Status);
        await using var context = store.NewContext();
        var recorded = await context.Runs.Include(r => r.Experiment).Include(r => r.Tags).Include(r => r.Dataset).Include(r => r.Provenance)
            .SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Completed, recorded.Status);
        Assert.Equal("loss-study", recorded.Experiment!.Name);
        Assert.Equal("tiny", recorded.Name);
        Assert.NotNull(recorded.StartedAt);
        Assert.NotNull(recorded.EndedAt);
        Assert.Contains(recorded.Tags, t => t.Key == "recipe" && t.Value == "baseline");
        Assert.Contains(recorded.Tags, t => t.Key == "site" && t.Value == "prostate");
        Assert.Equal("cpu", recorded.Provenance!.Device);
        using (var config = JsonDocument.Parse(recorded.ConfigJson))
        {
            Assert.Equal("whole-volume", config.RootElement.GetProperty("val_metrics").GetString());
            Assert.Equal(8, config.RootElement.GetProperty("base_channels").GetInt32());
        }

        // the dataset as the trainer saw it
        Assert.Equal(8, recorded.Dataset!.CaseCount);
        Assert.Equal(also.Start!.DatasetFingerprint, recorded.Dataset.Fingerprint);
        Assert.Equal(also.Start.Split.Test, recorded.Dataset.TestCaseIds);
        Assert.Equal(also.Start.Split.Train, recorded.Dataset.TrainCaseIds);

        // every epoch's val/mae_gy at the row's step, equal to metrics.csv
        var rows = RunFolderFiles.ReadMetrics(Path.Combine(run.RunFolder, "metrics.csv"));
        var mae = await context.MetricPoints.Where(p => p.RunId == runId && p.Key == "val/mae_gy").OrderBy(p => p.Step)
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([0, 1], mae.Select(p => p.Epoch ?? -1));
        Assert.Equal(rows.Select(r => (long)r["step"]), mae.Select(p => p.Step));
        Assert.Equal(rows.Select(r => r["val/mae_gy"]), mae.Select(p => p.Value ?? double.NaN));
        var keys = await context.MetricPoints.Where(p => p.RunId == runId).Select(p => p.Key).Distinct().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Contains("lr-AdamW", keys);
        Assert.Contains("val/gamma_3mm3pct", keys);
        Assert.DoesNotContain("epoch", keys);

        // the trainer's total training time, once, as training_summary.json has it
        using var summaryJson = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(run.RunFolder, "training_summary.json"), TestContext.Current.CancellationToken));
        var total = await context.MetricPoints.SingleAsync(p => p.RunId == runId && p.Key == TrainingTime.MetricKey, TestContext.Current.CancellationToken);
        Assert.Equal(summaryJson.RootElement.GetProperty("total_time_sec").GetDouble(), total.Value!.Value, 9);

        // checkpoints: last.dat once, the best flagged on the best monitor value
        var checkpoints = await context.Checkpoints.Where(c => c.RunId == runId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Single(checkpoints, c => Path.GetFileName(c.Path) == "last.dat");
        var best = Assert.Single(checkpoints, c => c.IsBest);
        Assert.Equal(Path.GetFullPath(result.State.Best[0].Path), best.Path);
        Assert.Equal(rows.Min(r => r["val/mae_gy"]), best.MonitoredValue!.Value, 9);
        Assert.Equal("val/mae_gy", best.MonitoredKey);

        // the run folder and its files
        var artifacts = await context.Artifacts.Where(a => a.RunId == runId).ToListAsync(TestContext.Current.CancellationToken);
        var folder = Assert.Single(artifacts, a => a.Kind == RunRecorder.RunFolderArtifactKind);
        Assert.Equal(Path.GetFullPath(run.RunFolder), folder.Path);
        foreach (var file in new[] { "metrics.csv", "training_config.json", "training_summary.json", TrainingRunner.LogFileName })
        {
            Assert.Contains(artifacts, a => Path.GetFileName(a.Path) == file && a.Sha256 is { Length: 64 });
        }

        // the test evaluation, per case, linked to the best checkpoint
        var evaluation = await context.Evaluations.Include(e => e.Values).SingleAsync(e => e.RunId == runId, TestContext.Current.CancellationToken);
        Assert.Equal(best.Id, evaluation.CheckpointId);
        Assert.Equal(also.Start.Split.Test.Order(StringComparer.Ordinal),
            evaluation.Values.Where(v => v.CaseId is not null).Select(v => v.CaseId!).Distinct().Order(StringComparer.Ordinal));

        // the log: in train.log, in memory and published, in the order logged
        var logged = await File.ReadAllLinesAsync(Path.Combine(run.RunFolder, TrainingRunner.LogFileName), TestContext.Current.CancellationToken);
        Assert.Equal(also.Messages, logged.Select(l => l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        Assert.Equal(also.Messages, published.Select(l => l.Message));
        Assert.Equal(also.Messages.TakeLast(TrainingRunner.LogTailLength), runner.RecentLog(runId).Select(l => l.Message));
    }

    [Fact]
    public async Task Run_CancelledDuringFirstBatch_EndsCancelled()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        using var run = new TinyTrainingRun();
        var runner = new TrainingRunner(store.Recorder, TimeProvider.System);
        using var cancel = new CancellationTokenSource();
        var options = run.Options with { Epochs = 1 };
        var runId = await runner.QueueAsync(options, new RunRequest(), TestContext.Current.CancellationToken);

        // Act
        var result = runner.Run(runId, options, cancel.Token, new RecordingObserver(cancel, cancelAfterBatches: 1));

        // Assert
        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        await using var context = store.NewContext();
        var recorded = await context.Runs.Include(r => r.Experiment).SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Cancelled, recorded.Status);
        Assert.Equal("default", recorded.Experiment!.Name);
        Assert.False(await context.Evaluations.AnyAsync(e => e.RunId == runId, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Run_MissingDataFolder_EndsFailedWithTheMessageAndRethrows()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        using var run = new TinyTrainingRun(cases: 3);
        var runner = new TrainingRunner(store.Recorder, TimeProvider.System);
        var options = run.Options with { DataDir = Path.Combine(run.DataDir, "missing") };
        var runId = await runner.QueueAsync(options, new RunRequest(), TestContext.Current.CancellationToken);

        // Act
        var error = Assert.Throws<TrainingSetupException>(() => runner.Run(runId, options, CancellationToken.None));

        // Assert: failed with the trainer's message, and no run folder left behind
        await using var context = store.NewContext();
        var recorded = await context.Runs.SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
        Assert.Equal(RunStatus.Failed, recorded.Status);
        Assert.Equal(error.Message, recorded.FailureMessage);
        Assert.Contains("missing", recorded.FailureMessage, StringComparison.Ordinal);
        Assert.False(Directory.Exists(options.RunFolder));
        Assert.Contains(runner.RecentLog(runId), l => l.Message.StartsWith("failed: ", StringComparison.Ordinal));
    }

    [Fact]
    public void GroupKey_DiffersOnlyOutsideSeedNameAndLogFolder()
    {
        // Arrange
        var options = new TrainerOptions { DataDir = "/data", ExpName = "a", Seed = 42 };

        // Act
        var key = TrainingRunConfig.GroupKey(options);

        // Assert
        Assert.Equal(key, TrainingRunConfig.GroupKey(options with { Seed = 43, ExpName = "b", LogDir = "/elsewhere" }));
        Assert.NotEqual(key, TrainingRunConfig.GroupKey(options with { BatchSize = 1 }));
        Assert.NotEqual(key, TrainingRunConfig.GroupKey(options with { Loss = options.Loss with { UseGradientLoss = true } }));
        Assert.Equal(16, key.Length);
    }
}
