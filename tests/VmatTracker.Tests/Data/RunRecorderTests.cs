using Microsoft.EntityFrameworkCore;
using VmatTracker.Data;
using VmatTracker.Data.Recording;

namespace VmatTracker.Tests.Data;

public sealed class RunRecorderTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateRunAsync_FullRun_StoresConfigParametersTagsProvenanceAndDataset()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var run = new NewRun
        {
            Experiment = "structure_weighted",
            Name = "sw seed 42",
            ConfigJson = """{"use_structure_weighted": true, "seed": 42, "lr": 0.0001, "model": {"base_channels": 48}, "name": "x"}""",
            Tags = new Dictionary<string, string> { ["site"] = "prostate" },
            GroupKey = "sw",
            Provenance = ProvenanceInfo.Capture(new ComputeInfo("0.107.0", "2.10.0", "cpu")),
            Dataset = new DatasetInfo { Fingerprint = "abc", CaseCount = 3, TrainCaseIds = ["a"], ValidationCaseIds = ["b"], TestCaseIds = ["c"] },
        };

        // Act
        var id = await store.Recorder.CreateRunAsync(run, Token);

        // Assert
        await using var context = store.NewContext();
        var stored = await context.Runs.Include(r => r.Parameters).Include(r => r.Tags).Include(r => r.Provenance)
            .Include(r => r.Dataset).Include(r => r.Experiment).SingleAsync(r => r.Id == id, Token);
        Assert.Equal(RunStatus.Queued, stored.Status);
        Assert.Equal("structure_weighted", stored.Experiment!.Name);
        Assert.Equal(run.ConfigJson, stored.ConfigJson);
        Assert.Equal(1, stored.Parameters.Single(p => p.Key == "use_structure_weighted").Number);
        Assert.Equal(42, stored.Parameters.Single(p => p.Key == "seed").Number);
        Assert.Equal(48, stored.Parameters.Single(p => p.Key == "model.base_channels").Number);
        Assert.Equal("prostate", Assert.Single(stored.Tags).Value);
        Assert.Equal("cpu", stored.Provenance!.Device);
        Assert.Equal("0.107.0", stored.Provenance.TorchSharpVersion);
        Assert.Equal(Environment.ProcessorCount, stored.Provenance.CpuThreads);
        Assert.False(string.IsNullOrEmpty(stored.Provenance.CommandLine));
        Assert.Equal(["c"], stored.Dataset!.TestCaseIds);
    }

    [Fact]
    public async Task CreateRunAsync_SameExperimentTwice_SharesOneExperiment()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        await store.Recorder.CreateRunAsync(new NewRun { Experiment = "baseline", Name = "a" }, Token);
        await store.Recorder.CreateRunAsync(new NewRun { Experiment = "baseline", Name = "b" }, Token);

        // Assert
        await using var context = store.NewContext();
        Assert.Equal(1, await context.Experiments.CountAsync(Token));
        Assert.Equal(2, await context.Runs.CountAsync(Token));
    }

    [Theory]
    [InlineData("")]
    [InlineData("bad\nname")]
    public async Task CreateRunAsync_InvalidName_ThrowsAndWritesNothing(string name)
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        await Assert.ThrowsAsync<ArgumentException>(() => store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = name }, Token));

        // Assert
        await using var context = store.NewContext();
        Assert.Equal(0, await context.Runs.CountAsync(Token));
    }

    [Fact]
    public async Task CreateRunAsync_ConfigNotAnObject_Throws()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r", ConfigJson = "[1,2]" }, Token));

        // Assert
        Assert.Contains("JSON object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendMetricsAsync_Points_KeepsSummaryCurrent()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);

        // Act
        await store.Recorder.AppendMetricsAsync(id, [new("val/mae_gy", 10, 0, 5.0), new("val/mae_gy", 20, 1, 3.0)], Token);
        await store.Recorder.AppendMetricsAsync(id, [new("val/mae_gy", 30, 2, 4.0), new("val/mae_gy", 40, 3, 3.0)], Token);

        // Assert
        await using var context = store.NewContext();
        var summary = await context.MetricSummaries.SingleAsync(s => s.RunId == id, Token);
        Assert.Equal(3.0, summary.Min);
        Assert.Equal(1, summary.MinEpoch);
        Assert.Equal(5.0, summary.Max);
        Assert.Equal(0, summary.MaxEpoch);
        Assert.Equal(3.0, summary.Last);
        Assert.Equal(40, summary.LastStep);
        Assert.Equal(4, summary.Count);
        Assert.Equal(4, await context.MetricPoints.CountAsync(p => p.RunId == id, Token));
    }

    [Fact]
    public async Task AppendMetricsAsync_NonFiniteValues_StoredAndFlaggedNotDropped()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);

        // Act
        var result = await store.Recorder.AppendMetricsAsync(id,
            [new("loss", 1, 0, 1.5), new("loss", 2, 0, double.NaN), new("loss", 3, 0, double.PositiveInfinity), new("loss", 4, 0, double.NegativeInfinity)], Token);

        // Assert
        Assert.Equal(new MetricAppendResult(4, 3), result);
        var series = Assert.Single(await store.Queries.GetSeriesAsync(id, null, Token));
        Assert.Equal([1.5, double.NaN, double.PositiveInfinity, double.NegativeInfinity], series.Points.Select(p => p.AsDouble));
        await using var context = store.NewContext();
        var summary = await context.MetricSummaries.SingleAsync(s => s.RunId == id, Token);
        Assert.Equal(1.5, summary.Min);
        Assert.Equal(1.5, summary.Max);
        Assert.Null(summary.Last);
        Assert.Equal(3, summary.NonFiniteCount);
    }

    [Fact]
    public async Task AppendMetricsAsync_UnknownRun_ThrowsUnknownRun()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();

        // Act
        var error = await Assert.ThrowsAsync<UnknownRunException>(() => store.Recorder.AppendMetricsAsync(99, [new("loss", 1, 0, 1)], Token));

        // Assert
        Assert.Equal(99, error.RunId);
        await using var context = store.NewContext();
        Assert.Equal(0, await context.MetricPoints.CountAsync(Token));
    }

    [Fact]
    public async Task AppendMetricsAsync_KeyTooLong_ThrowsAndWritesNothing()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);

        // Act
        await Assert.ThrowsAsync<ArgumentException>(() =>
            store.Recorder.AppendMetricsAsync(id, [new("ok", 1, 0, 1), new(new string('k', 201), 1, 0, 1)], Token));

        // Assert
        await using var context = store.NewContext();
        Assert.Equal(0, await context.MetricPoints.CountAsync(Token));
    }

    [Fact]
    public async Task AppendMetricsAsync_TwoConcurrentWriters_LoseNothing()
    {
        // Arrange: two recorders with their own factories, like two processes, each feeding its own run.
        using var store = await TestStore.CreateAsync();
        var first = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "a" }, Token);
        var second = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "b" }, Token);
        const int Batches = 40;
        const int PerBatch = 250;

        async Task WriteAsync(RunRecorder recorder, long runId)
        {
            for (var batch = 0; batch < Batches; batch++)
            {
                var points = Enumerable.Range(0, PerBatch)
                    .Select(i => new MetricValue(i % 2 == 0 ? "train/loss" : "val/mae_gy", (batch * PerBatch) + i, batch, i))
                    .ToList();
                await recorder.AppendMetricsAsync(runId, points, Token);
            }
        }

        // Act
        await Task.WhenAll(Task.Run(() => WriteAsync(store.NewRecorder(), first), Token),
            Task.Run(() => WriteAsync(store.NewRecorder(), second), Token),
            Task.Run(() => WriteAsync(store.NewRecorder(), first), Token));

        // Assert
        await using var context = store.NewContext();
        Assert.Equal(2 * Batches * PerBatch, await context.MetricPoints.CountAsync(p => p.RunId == first, Token));
        Assert.Equal(Batches * PerBatch, await context.MetricPoints.CountAsync(p => p.RunId == second, Token));
        var summaries = await context.MetricSummaries.Where(s => s.RunId == first).ToListAsync(Token);
        Assert.Equal(2 * Batches * PerBatch, summaries.Sum(s => s.Count));
    }

    [Fact]
    public async Task Lifecycle_StartThenComplete_SetsTimesAndRefusesASecondEnd()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);

        // Act
        await store.Recorder.StartAsync(id, Token);
        await store.Recorder.HeartbeatAsync(id, Token);
        await store.Recorder.CompleteAsync(id, Token);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => store.Recorder.FailAsync(id, "late", Token));

        // Assert
        await using var context = store.NewContext();
        var run = await context.Runs.SingleAsync(r => r.Id == id, Token);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.NotNull(run.StartedAt);
        Assert.NotNull(run.EndedAt);
        Assert.NotNull(run.LastHeartbeatAt);
        Assert.True(run.DurationSeconds >= 0);
        Assert.Contains("Completed", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailAsync_RunningRun_StoresMessage()
    {
        // Arrange
        using var store = await TestStore.CreateAsync();
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);
        await store.Recorder.StartAsync(id, Token);

        // Act
        await store.Recorder.FailAsync(id, "out of memory", Token);

        // Assert
        var detail = await store.Queries.GetAsync(id, Token);
        Assert.Equal(RunStatus.Failed, detail!.Summary.Status);
        Assert.Equal("out of memory", detail.FailureMessage);
    }

    [Fact]
    public async Task Recorder_EveryWrite_PublishesAChangeEvent()
    {
        // Arrange
        var events = new RecordingRunEvents();
        using var store = await TestStore.CreateAsync(events);

        // Act
        var id = await store.Recorder.CreateRunAsync(new NewRun { Experiment = "e", Name = "r" }, Token);
        await store.Recorder.StartAsync(id, Token);
        await store.Recorder.AppendMetricsAsync(id, [new("loss", 1, 0, 2.0)], Token);
        await store.Recorder.CancelAsync(id, Token);

        // Assert
        Assert.Equal([RunChangeKind.Created, RunChangeKind.StatusChanged, RunChangeKind.StatusChanged], events.Changes.Select(c => c.Kind));
        Assert.Equal(RunStatus.Cancelled, events.Changes.Last().Status);
        var batch = Assert.Single(events.Batches);
        Assert.Equal(id, batch.RunId);
        Assert.Equal(2.0, Assert.Single(batch.Points).Value);
    }
}
